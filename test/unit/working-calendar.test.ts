// SLAs in government working time: Sunday-Thursday, 08:00-15:00 Amman (09:00-14:00 in Ramadan), holidays off.
import { addWorkingTime, ammanInstant, isWorkingDay, workingDaysText } from '../../functions/shared/working-calendar';
import { withProcessingTime } from '../../functions/services/domain/catalogue';
import { referenceCalendar } from '../../reference/calendar';
import { referenceServices } from '../../reference/services';

const calendar = referenceCalendar(2026);
/** An Amman wall-clock time as an instant. */
const amman = (date: string, time: string) => ammanInstant(date, Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)));

describe('the working calendar', () => {
  it('puts a one-day step opened Thursday afternoon due on Sunday, not on Friday', () => {
    expect(addWorkingTime(calendar, amman('2026-12-03', '14:00'), 24)).toEqual(amman('2026-12-06', '14:00'));
    expect(amman('2026-12-03', '14:00').toISOString()).toBe('2026-12-03T11:00:00.000Z');
  });

  it('puts a 48-hour step opened Thursday 14:00 due Monday 14:00 (two working days), not Saturday', () => {
    expect(addWorkingTime(calendar, amman('2026-12-03', '14:00'), 48)).toEqual(amman('2026-12-07', '14:00'));
  });

  it('counts hours within working hours: four hours from Thursday 14:00 end Sunday 11:00', () => {
    expect(addWorkingTime(calendar, amman('2026-12-03', '14:00'), 4)).toEqual(amman('2026-12-06', '11:00'));
  });

  it('starts the clock at the next opening when a step arrives after hours or on a day off', () => {
    expect(addWorkingTime(calendar, amman('2026-12-03', '22:30'), 2)).toEqual(amman('2026-12-06', '10:00'));
    expect(addWorkingTime(calendar, amman('2026-12-05', '11:00'), 24)).toEqual(amman('2026-12-07', '08:00'));
    expect(addWorkingTime(calendar, amman('2026-12-06', '06:00'), 1)).toEqual(amman('2026-12-06', '09:00'));
  });

  it('skips public holidays: Arafat Day and Eid al-Adha 2027', () => {
    expect(isWorkingDay(calendar, '2027-05-16')).toBe(false);
    expect(addWorkingTime(calendar, amman('2027-05-13', '14:00'), 24)).toEqual(amman('2027-05-19', '14:00'));
  });

  it('skips a holiday an operator adds', () => {
    const withHoliday = { ...calendar, holidays: [...calendar.holidays, { date: '2026-12-06' }] };
    expect(addWorkingTime(withHoliday, amman('2026-12-03', '14:00'), 24)).toEqual(amman('2026-12-07', '14:00'));
  });

  it('keeps the shorter Ramadan hours', () => {
    // Ramadan 1447 runs from 18 February 2026: a four-hour step opened at 12:00 has two hours left that day (to 14:00).
    expect(addWorkingTime(calendar, amman('2026-02-24', '12:00'), 4)).toEqual(amman('2026-02-25', '11:00'));
    expect(addWorkingTime(calendar, amman('2026-02-24', '14:30'), 1)).toEqual(amman('2026-02-25', '10:00'));
  });

  it("keeps an agency's own hours", () => {
    const late = { ...calendar, agencyHours: { 'csb-centres': { from: '08:00', to: '20:00' } } };
    expect(addWorkingTime(late, amman('2026-12-03', '14:00'), 4, 'csb-centres')).toEqual(amman('2026-12-03', '18:00'));
    expect(addWorkingTime(late, amman('2026-12-03', '14:00'), 4, 'dvld')).toEqual(amman('2026-12-06', '11:00'));
  });

  it('seeds the fixed and the Hijri-dated holidays', () => {
    const named = (date: string) => calendar.holidays.find((holiday) => holiday.date === date)?.name.en;
    expect(named('2026-05-25')).toBe('Independence Day');
    expect(named('2026-03-20')).toBe('Eid al-Fitr');
    expect(named('2027-12-25')).toBe("Christmas Day / Isra and Mi'raj");
    expect(calendar.weekdays).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('the service card', () => {
  it('states its processing time in working days', () => {
    const vehicle = referenceServices.find((seed) => seed.serviceId === 'vehicle-registration-renewal')!;
    const card = withProcessingTime({ ...vehicle.card, serviceId: vehicle.serviceId } as never);
    expect(card.processingTime).toEqual({ workingDays: 2, text: { ar: 'يوما عمل', en: '2 working days' } });
    expect(workingDaysText(1)).toEqual({ ar: 'يوم عمل واحد', en: '1 working day' });
    expect(workingDaysText(5).ar).toBe('5 أيام عمل');
  });
});
