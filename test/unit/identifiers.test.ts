// Identifiers as people type them: any digits, local and international phone forms, checked formats.
import { checkAnswers } from '../../functions/applications/domain/form';
import { MobilePhone, NationalNumber, PermitNumber, PlateNumber, RecordId, RegistrationNumber, toE164 } from '../../schemas/identifiers';
import { referenceServices } from '../../reference/services';

const parse = (schema: { safeParse(value: unknown): { success: boolean; data?: unknown } }, value: string) => {
  const result = schema.safeParse(value);
  return result.success ? result.data : 'refused';
};

describe('identifiers typed in any digits', () => {
  it('converts Arabic-Indic and Persian digits in national, permit, registration and record numbers', () => {
    expect(parse(NationalNumber, '٩٩٠١٠٥٥٥١٢')).toBe('9901055512');
    expect(parse(NationalNumber, '۹۹۰۱۰۵۵۵۱۲')).toBe('9901055512');
    expect(parse(NationalNumber, '990 105 5512')).toBe('9901055512');
    expect(parse(NationalNumber, '١٢٣')).toBe('refused');
    expect(parse(PermitNumber, 'egy١٢٣٤٥٦٧')).toBe('EGY1234567');
    expect(parse(RegistrationNumber, '٢٠٠١٢٣٤٥٦')).toBe('200123456');
    expect(parse(RegistrationNumber, '20012345')).toBe('refused');
    expect(parse(RecordId, '٩٨٦١٠١٢٣٤٥')).toBe('9861012345');
  });

  it('normalises local and international phone forms to E.164 and accepts only mobile ranges 77, 78, 79', () => {
    for (const typed of ['0795550012', '٠٧٩٥٥٥٠٠١٢', '00962795550012', '962795550012', '+962 79 555 0012', '795550012', '(079) 555-0012']) {
      expect(parse(MobilePhone, typed)).toBe('+962795550012');
    }
    expect(parse(MobilePhone, '0775550012')).toBe('+962775550012');
    expect(parse(MobilePhone, '0785550012')).toBe('+962785550012');
    expect(parse(MobilePhone, '+962701234567')).toBe('refused');
    expect(parse(MobilePhone, '064601234')).toBe('refused');
    expect(parse(MobilePhone, '+966501234567')).toBe('refused');
    expect(toE164('+962701234567')).toBe('+962701234567');
  });

  it('checks plate numbers and converts their digits', () => {
    expect(parse(PlateNumber, '١٢-٣٤٥٦٧')).toBe('12-34567');
    expect(parse(PlateNumber, '12 \u2013 34567')).toBe('12-34567');
    expect(parse(PlateNumber, '9-1')).toBe('9-1');
    expect(parse(PlateNumber, '123-45')).toBe('refused');
    expect(parse(PlateNumber, 'ABC123')).toBe('refused');
  });

  it("converts and checks identifier answers on a service's form", () => {
    const card = referenceServices.find((seed) => seed.serviceId === 'vehicle-registration-renewal')!.card;
    const answers = { plateNumber: '١٢-٣٤٥٦٧', chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881' };
    expect(checkAnswers(card, answers, 'submit')).toMatchObject({ plateNumber: '12-34567' });
    expect(() => checkAnswers(card, { ...answers, plateNumber: 'twelve' }, 'submit')).toThrow(
      expect.objectContaining({ code: 'validation_failed', details: [expect.objectContaining({ path: 'answers.plateNumber', code: 'invalid_answer' })] }),
    );
  });
});
