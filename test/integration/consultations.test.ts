// Public consultations and e-surveys on the local cloud: one comment per person, revised until the close;
// moderation hides with a reason, never deletes, and is audited; closed means closed (a consultation is closed
// by moving its dates in the table, the only way to reach a past close); the agency's response once closed; a
// survey answered once per person, its results public only after the close and counted as worked out by hand.
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../lib/platform/tables';
import { api, tables, tokenFor } from '../support/api';
import { dateFromToday } from '../support/fixtures';

const engagement = tableName('local', 'engagement');
const base = { agencyId: 'cspd', title: { ar: 'مسودة نظام الأحوال المدنية', en: 'Draft civil status regulation' }, description: { ar: 'النص الكامل', en: 'The full text' } };
const open = { opensOn: dateFromToday(-1), closesOn: dateFromToday(10) };

async function publish(body: object, user = 'officer-cspd') {
  const response = await api('/v1/consultations', { method: 'POST', token: await tokenFor(user), body: { ...base, ...open, ...body } });
  expect(response.status).toBe(201);
  return response.body.consultationId as string;
}

/** Moves a consultation's dates to the past: the way to reach a closed one without waiting for its close. */
async function closeNow(consultationId: string): Promise<void> {
  await tables().send(
    new UpdateCommand({
      TableName: engagement,
      Key: { pk: `CONSULT#${consultationId}`, sk: 'META' },
      UpdateExpression: 'SET #c.opensOn = :from, #c.closesOn = :to',
      ExpressionAttributeNames: { '#c': 'consultation' },
      ExpressionAttributeValues: { ':from': dateFromToday(-20), ':to': dateFromToday(-2) },
    }),
  );
}

const comment = async (consultationId: string, user: string, text: string) =>
  api(`/v1/consultations/${consultationId}/my-comment`, { method: 'PUT', token: await tokenFor(user), body: { text } });
const comments = async (consultationId: string) => (await api(`/v1/consultations/${consultationId}/comments?limit=100`)).body.items as any[];

describe('consultations', () => {
  it('takes one comment per person, revised until the close; moderation hides with a reason, audited; closed means closed', async () => {
    const id = await publish({ kind: 'policy' });
    expect((await comment(id, 'citizen', 'Please keep the counter open for the elderly.')).status).toBe(201);
    const revised = await comment(id, 'citizen', 'Please keep one counter open for the elderly and disabled.');
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({ revisions: 1, text: 'Please keep one counter open for the elderly and disabled.' });
    const other = await comment(id, 'citizen2', 'Buy cheap watches at example.com');
    expect(other.status).toBe(201);
    expect((await api(`/v1/consultations/${id}`)).body).toMatchObject({ status: 'open', comments: 2 });

    // Moderation: another agency may not; the consultation's agency hides it with a reason, in the audit trail.
    const refused = await api(`/v1/consultations/${id}/comments/${other.body.commentId}/hide`, { method: 'POST', token: await tokenFor('officer-ssc'), body: { reason: 'Advertising' } });
    expect(refused.status).toBe(403);
    const hidden = await api(`/v1/consultations/${id}/comments/${other.body.commentId}/hide`, { method: 'POST', token: await tokenFor('officer-cspd'), body: { reason: 'Advertising' } });
    expect(hidden.status).toBe(200);
    const listed = await comments(id);
    expect(listed).toHaveLength(2);
    expect(listed.find((entry) => entry.commentId === other.body.commentId)).toEqual(expect.objectContaining({ hidden: { reason: 'Advertising', at: expect.any(String) } }));
    expect(listed.find((entry) => entry.commentId === other.body.commentId).text).toBeUndefined();
    expect(JSON.stringify(listed)).not.toMatch(/persons:|9861012345/);
    const { Items = [] } = await tables().send(
      new QueryCommand({ TableName: tableName('local', 'audit'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `SUBJECT#consultation:${id}` } }),
    );
    expect(Items.map((item) => item.record)).toEqual([expect.objectContaining({ action: 'consultation.moderate', purpose: 'Advertising', fields: [`comment:${other.body.commentId}`], actor: expect.objectContaining({ role: 'officer', agencyId: 'cspd' }) })]);
    expect((await comment(id, 'citizen2', 'Sorry, here is my real comment')).body.error.code).toBe('comment_hidden');

    // The response waits for the close; then closed means closed, and the response is published once.
    const respond = async () => api(`/v1/consultations/${id}/response`, { method: 'POST', token: await tokenFor('officer-cspd'), body: { text: { ar: 'شكراً، أبقينا نافذة لكبار السن', en: 'Thank you: one counter stays open for the elderly' } } });
    expect((await respond()).body.error.code).toBe('consultation_not_closed');
    await closeNow(id);
    expect((await comment(id, 'citizen', 'One more thought')).body.error.code).toBe('consultation_closed');
    expect((await respond()).status).toBe(200);
    expect((await respond()).body.error.code).toBe('response_published');
    expect((await api(`/v1/consultations/${id}`)).body).toMatchObject({ status: 'closed', response: { text: { en: 'Thank you: one counter stays open for the elderly' } } });
    expect((await comments(id)).find((entry) => entry.commentId === revised.body.commentId).text).toBe('Please keep one counter open for the elderly and disabled.');
    const closedList = await api('/v1/consultations?status=closed&limit=100');
    expect(closedList.body.items.some((item: { consultationId: string }) => item.consultationId === id)).toBe(true);
  });

  it('takes one answer per person to a survey and publishes the results only after the close', async () => {
    const questions = [
      { questionId: 'channel', type: 'single-choice', text: { ar: 'القناة المفضلة', en: 'Preferred channel' }, options: ['portal', 'mobile', 'centre'].map((value) => ({ value, label: { ar: value, en: value } })) },
      { questionId: 'ease', type: 'scale', text: { ar: 'سهولة الاستخدام', en: 'Ease of use' } },
      { questionId: 'ideas', type: 'free-text', text: { ar: 'اقتراحات', en: 'Ideas' } },
    ];
    const id = await publish({ kind: 'survey', questions }, 'operator');
    const answer = async (user: string, answers: object) => api(`/v1/consultations/${id}/answers`, { method: 'POST', token: await tokenFor(user), body: { answers } });
    expect((await answer('citizen', { channel: 'mobile', ease: 4, ideas: 'Dark mode' })).status).toBe(201);
    expect((await answer('citizen', { channel: 'portal', ease: 1, ideas: 'Again' })).body.error.code).toBe('already_answered');
    expect((await answer('citizen2', { channel: 'fax', ease: 5, ideas: 'x' })).body.error.code).toBe('invalid_answers');
    expect((await answer('citizen2', { channel: 'mobile', ease: 6, ideas: 'x' })).body.error.code).toBe('invalid_answers');
    expect((await answer('citizen2', { channel: 'mobile', ease: 5 })).body.error.code).toBe('invalid_answers');
    expect((await answer('citizen2', { channel: 'portal', ease: 5, ideas: 'More services' })).status).toBe(201);
    const whileOpen = (await api(`/v1/consultations/${id}`)).body;
    expect(whileOpen).toMatchObject({ status: 'open', respondents: 2 });
    expect(whileOpen.results).toBeUndefined();

    await closeNow(id);
    expect((await answer('frontline', { channel: 'portal', ease: 3, ideas: 'late' })).status).toBe(403);
    const closed = (await api(`/v1/consultations/${id}`)).body;
    expect(closed.results).toEqual([
      { questionId: 'channel', answers: 2, counts: { portal: 1, mobile: 1, centre: 0 } },
      { questionId: 'ease', answers: 2, counts: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 }, mean: 4.5 },
      { questionId: 'ideas', answers: 2 },
    ]);
  });

  it('refuses bad consultations and answers to a consultation that is not a survey', async () => {
    const token = await tokenFor('officer-cspd');
    const post = (body: object) => api('/v1/consultations', { method: 'POST', token, body: { ...base, ...open, ...body } });
    expect((await post({ kind: 'law', opensOn: dateFromToday(5), closesOn: dateFromToday(2) })).body.error.code).toBe('consultation_dates');
    expect((await post({ kind: 'survey' })).body.error.code).toBe('survey_questions');
    expect((await post({ kind: 'law', agencyId: 'ssc' })).status).toBe(403);
    expect((await post({ kind: 'treaty' })).status).toBe(400);
    const id = await publish({ kind: 'strategy' });
    expect((await api(`/v1/consultations/${id}/answers`, { method: 'POST', token: await tokenFor('citizen'), body: { answers: { a1: 'x' } } })).body.error.code).toBe('not_a_survey');
    expect((await api('/v1/consultations/01ARZ3NDEKTSV4RRFFQ69G5FAV')).body.error.code).toBe('consultation_not_found');
    const upcoming = await publish({ kind: 'law', opensOn: dateFromToday(3), closesOn: dateFromToday(9) });
    expect((await comment(upcoming, 'citizen', 'Too early')).body.error.code).toBe('consultation_not_open');
  });
});
