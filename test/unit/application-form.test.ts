import { checkAnswers } from '../../functions/applications/domain/form';
import { expectedCompletion } from '../../functions/applications/domain/applications';
import { HttpError } from '../../functions/shared/errors';
import { referenceCalendar } from '../../reference/calendar';

const label = (en: string) => ({ ar: en, en });
const card = {
  form: {
    fields: [
      { id: 'reason', label: label('Reason'), type: 'select' as const, required: true, options: [{ value: 'lost', label: label('Lost') }, { value: 'damaged', label: label('Damaged') }] },
      { id: 'note', label: label('Note'), type: 'text' as const, required: false, maxLength: 10 },
      { id: 'children', label: label('Children'), type: 'number' as const, required: false },
      { id: 'lostOn', label: label('Lost on'), type: 'date' as const, required: false },
      { id: 'urgent', label: label('Urgent'), type: 'boolean' as const, required: false },
      { id: 'photo', label: label('Photo'), type: 'file' as const, required: true },
    ],
  },
};

function problems(answers: Record<string, string | number | boolean | null>, mode: 'draft' | 'submit') {
  try {
    checkAnswers(card, answers, mode);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return ((error as HttpError).details as Array<{ path: string; code: string }>).map((p) => `${p.path}:${p.code}`);
  }
}

describe('answers against the service form', () => {
  it('accepts well-typed answers and drops nulls', () => {
    expect(checkAnswers(card, { reason: 'lost', photo: 'doc:abcdefgh12', note: null, children: 2, lostOn: '2026-11-01', urgent: true }, 'submit')).toEqual({
      reason: 'lost',
      photo: 'doc:abcdefgh12',
      children: 2,
      lostOn: '2026-11-01',
      urgent: true,
    });
  });

  it('lets a draft leave required fields empty, but not a submission', () => {
    expect(problems({ note: 'hi' }, 'draft')).toEqual([]);
    expect(problems({ note: 'hi' }, 'submit')).toEqual(['answers.reason:required', 'answers.photo:required']);
  });

  it('lists every problem at once', () => {
    expect(
      problems({ reason: 'stolen', note: 'x'.repeat(11), children: 'two', lostOn: '2026-02-30', urgent: 'yes', photo: 'C:/photo.jpg', shoeSize: 44 }, 'draft'),
    ).toEqual([
      'answers.reason:invalid_answer',
      'answers.note:invalid_answer',
      'answers.children:invalid_answer',
      'answers.lostOn:invalid_answer',
      'answers.urgent:invalid_answer',
      'answers.photo:invalid_answer',
      'answers.shoeSize:unknown_field',
    ]);
  });
});

describe('expected completion', () => {
  it('adds the slowest step of each stage, stage after stage, in working days', () => {
    const workflow = [
      { steps: [{ slaHours: 24 }, { slaHours: 72 }] },
      { steps: [{ slaHours: 48 }] },
    ] as never;
    // Sunday 13:00 in Amman + 5 working days: Friday and Saturday are days off.
    expect(expectedCompletion(referenceCalendar(2026), new Date('2026-11-22T10:00:00Z'), { workflow })).toBe('2026-11-29');
  });
});

describe('four-part names in forms', () => {
  const card = { form: { fields: [{ id: 'childFullName', type: 'text' as const, required: true, label: { ar: 'اسم الطفل الرباعي', en: "Child's full name" }, maxLength: 120 }] } };

  it('asks for the four parts where the form asks for «الاسم الرباعي»', () => {
    expect(() => checkAnswers(card as never, { childFullName: 'Yousef Omar' }, 'submit')).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        details: [expect.objectContaining({ path: 'answers.childFullName', code: 'invalid_answer', message: expect.objectContaining({ ar: expect.stringContaining('الاسم الرباعي') }) })],
      }),
    );
    expect(checkAnswers(card as never, { childFullName: 'يوسف عمر خالد الحداد' }, 'submit')).toEqual({ childFullName: 'يوسف عمر خالد الحداد' });
  });
});
