// Message formats as Jordanians read them.
import { render } from '../../functions/notifications/domain/render';
import { fitSms, formatDate, formatDateTime, formatJod, isolate, smsParts } from '../../functions/shared/message-format';

describe('message formats', () => {
  it('writes amounts with three decimals and د.أ', () => {
    expect(formatJod(42.75)).toEqual({ en: '42.750 JOD', ar: '42.750 د.أ' });
    expect(formatJod(5)).toEqual({ en: '5.000 JOD', ar: '5.000 د.أ' });
  });

  it('writes dates with the weekday, and times in Amman time', () => {
    expect(formatDate('2026-05-04')).toEqual({ en: 'Monday, 4 May 2026', ar: 'الاثنين، 4 أيار 2026' });
    // 22:30 UTC on Thursday is 01:30 on Friday in Amman.
    expect(formatDateTime(new Date('2026-12-03T22:30:00Z'))).toEqual({
      en: 'Friday, 4 December 2026, 01:30 (Amman time)',
      ar: 'الجمعة، 4 كانون الأول 2026، الساعة 01:30 بتوقيت عمّان',
    });
  });

  it('isolates Latin plates, phone numbers and references inside Arabic text, and only there', () => {
    expect(isolate('12-34567')).toBe('\u206812-34567\u2069');
    expect(isolate('مركبة')).toBe('مركبة');
    const variables = { plate: '12-34567', phone: '+962795550012' };
    expect(render('اللوحة {{plate}} والهاتف {{phone}}', variables, 'ar').text).toBe('اللوحة \u206812-34567\u2069 والهاتف \u2068+962795550012\u2069');
    expect(render('Plate {{plate}}', variables, 'en').text).toBe('Plate 12-34567');
  });

  it('budgets SMS in UCS-2 parts of 70 (67 when split) for Arabic, capped at two parts', () => {
    expect(smsParts('م'.repeat(70))).toBe(1);
    expect(smsParts('م'.repeat(71))).toBe(2);
    expect(smsParts('م'.repeat(134))).toBe(2);
    expect(smsParts('م'.repeat(135))).toBe(3);
    expect(smsParts('a'.repeat(160))).toBe(1);
    const long = 'خدمة: استلمنا طلبك لتجديد ترخيص المركبة وسيتم إعلامك عند كل خطوة من خطوات المعاملة. '.repeat(4);
    const fitted = fitSms(long);
    expect(fitted.length).toBeLessThanOrEqual(134);
    expect(smsParts(fitted)).toBe(2);
    expect(fitted.endsWith('…')).toBe(true);
    expect(fitSms('short')).toBe('short');
    expect(smsParts(fitSms('Khidma '.repeat(100)))).toBe(2);
  });
});
