// Jordan's clock for messages, quiet hours and rating quarters (Asia/Amman, UTC+3 all year since 2022).
import { expectedCompletion } from '../../functions/applications/domain/applications';
import { consentStatus } from '../../functions/registry/domain/access';
import { referenceCalendar } from '../../reference/calendar';
import { addDays, ammanDate, ammanDateAfter, local, localByZoneRules, localDateTime, quarterOf, quietUntil } from '../../functions/shared/amman-time';

const utc = (iso: string) => new Date(iso);

describe("Amman's date", () => {
  it('is already tomorrow at 22:30 UTC, in summer and in winter', () => {
    expect(ammanDate(utc('2026-07-14T22:30:00.000Z'))).toBe('2026-07-15');
    expect(ammanDate(utc('2026-01-14T22:30:00.000Z'))).toBe('2026-01-15');
    expect(ammanDate(utc('2026-01-14T20:59:00.000Z'))).toBe('2026-01-14');
    expect(ammanDate(utc('2026-01-14T21:00:00.000Z'))).toBe('2026-01-15');
  });

  it('follows the zone rules of the day: UTC+2 in the winter before 2022', () => {
    expect(ammanDate(utc('2021-12-15T21:30:00.000Z'))).toBe('2021-12-15');
    expect(ammanDate(utc('2021-12-15T22:30:00.000Z'))).toBe('2021-12-16');
  });

  it('adds calendar days across month and year ends and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(ammanDateAfter(utc('2026-12-31T22:30:00.000Z'), 365)).toBe('2028-01-01');
  });

  it('makes a consent expire at the end of its Amman date, not three hours later', () => {
    const consent = { expiresAt: '2026-01-14' } as never;
    expect(consentStatus(consent, utc('2026-01-14T20:59:00.000Z'))).toBe('active');
    expect(consentStatus(consent, utc('2026-01-14T22:30:00.000Z'))).toBe('expired');
  });

  it('never promises completion before the Amman date of submission', () => {
    const card = { workflow: [{ steps: [{ slaHours: 1 }] }] } as never;
    expect(expectedCompletion(referenceCalendar(2026), utc('2026-01-13T22:30:00.000Z'), card)).toBe('2026-01-14');
  });
});

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

describe("Amman's wall clock without ICU", () => {
  it('is the zone rules of Node\'s ICU at every instant from the 2022 change to twenty years from now', () => {
    // Steps of 7 h 13 min walk through every hour of the day and every minute parity; a change of Jordan's rules in a
    // future Node's zone data (a return of summer time) makes the arithmetic differ here first.
    const step = (7 * 60 + 13) * 60_000;
    const end = Date.now() + 20 * 365 * 86_400_000;
    const differing: string[] = [];
    for (let time = Date.UTC(2022, 9, 27, 22); time < end && differing.length < 3; time += step) {
      const at = new Date(time);
      if (JSON.stringify(local(at)) !== JSON.stringify(localByZoneRules(at))) {
        differing.push(at.toISOString());
      }
    }
    expect(differing).toEqual([]);
  });

  it('keeps ICU for the instants before the change, and refuses an invalid date as before', () => {
    const summer2021 = utc('2021-07-14T21:30:00.000Z');
    expect(local(summer2021)).toEqual(localByZoneRules(summer2021));
    expect(() => local(new Date(Number.NaN))).toThrow(RangeError);
  });
});
