// Jordan's clock for messages, quiet hours and rating quarters (Asia/Amman, UTC+3 all year since 2022).
import { localDateTime, quarterOf, quietUntil } from '../../functions/notifications/domain/amman-time';

const utc = (iso: string) => new Date(iso);

describe('Amman time', () => {
  it('formats instants as Amman wall-clock time', () => {
    expect(localDateTime(utc('2026-05-01T21:30:00.000Z'))).toBe('2026-05-02 00:30');
  });

  it('puts a rating in the quarter of its Amman date', () => {
    expect(quarterOf(utc('2026-03-31T20:59:00.000Z'))).toBe('2026-Q1');
    expect(quarterOf(utc('2026-03-31T21:00:00.000Z'))).toBe('2026-Q2');
    expect(quarterOf(utc('2026-12-31T21:00:00.000Z'))).toBe('2027-Q1');
  });

  it('holds SMS inside quiet hours that span midnight, until they end', () => {
    const night = { from: '22:00', to: '07:00' };
    expect(quietUntil(utc('2026-05-01T18:59:00.000Z'), night)).toBeUndefined(); // 21:59
    expect(quietUntil(utc('2026-05-01T19:00:30.000Z'), night)?.toISOString()).toBe('2026-05-02T04:00:00.000Z'); // 22:00
    expect(quietUntil(utc('2026-05-02T03:59:00.000Z'), night)?.toISOString()).toBe('2026-05-02T04:00:00.000Z'); // 06:59
    expect(quietUntil(utc('2026-05-02T04:00:00.000Z'), night)).toBeUndefined(); // 07:00
  });

  it('holds SMS inside quiet hours within one day, and never without quiet hours', () => {
    const afternoon = { from: '13:00', to: '15:30' };
    expect(quietUntil(utc('2026-05-01T10:15:00.000Z'), afternoon)?.toISOString()).toBe('2026-05-01T12:30:00.000Z'); // 13:15
    expect(quietUntil(utc('2026-05-01T12:30:00.000Z'), afternoon)).toBeUndefined(); // 15:30
    expect(quietUntil(utc('2026-05-01T10:15:00.000Z'), null)).toBeUndefined();
  });
});
