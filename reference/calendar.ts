// The reference working calendar: Jordan's fixed public holidays and the Hijri-dated ones for last year, this year and
// the next, placed by the Umm al-Qura calendar. Hijri dates are announced each year after the moon sighting, so
// operators correct them through PUT /v1/calendar; the seed only gives them a sensible start.
import type { WorkingCalendarInput } from '../schemas/calendar';
import { addDays } from '../functions/shared/amman-time';

type Holiday = WorkingCalendarInput['holidays'][number];

const fixed: Array<[string, string, string]> = [
  ['01-01', 'رأس السنة الميلادية', "New Year's Day"],
  ['05-01', 'عيد العمال', 'Labour Day'],
  ['05-25', 'عيد الاستقلال', 'Independence Day'],
  ['12-25', 'عيد الميلاد المجيد', 'Christmas Day'],
];

/** Hijri month and days → holiday names. */
const hijri: Array<[number, number[], string, string]> = [
  [7, [27], 'ذكرى الإسراء والمعراج', "Isra and Mi'raj"],
  [10, [1, 2, 3], 'عيد الفطر', 'Eid al-Fitr'],
  [12, [9], 'يوم عرفة', 'Arafat Day'],
  [12, [10, 11, 12], 'عيد الأضحى', 'Eid al-Adha'],
  [1, [1], 'رأس السنة الهجرية', 'Islamic New Year'],
  [3, [12], 'المولد النبوي الشريف', "The Prophet's Birthday"],
];

// Made on first use: a function that imports this module but never builds a calendar skips ICU's date set-up.
let umalqura: Intl.DateTimeFormat | undefined;

function hijriOf(date: string): { month: number; day: number } {
  umalqura ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { day: 'numeric', month: 'numeric', timeZone: 'UTC' });
  const parts = Object.fromEntries(umalqura.formatToParts(new Date(`${date}T12:00:00Z`)).map((part) => [part.type, part.value]));
  return { month: Number(parts.month), day: Number(parts.day) };
}

export function referenceCalendar(firstYear: number): WorkingCalendarInput {
  const holidays: Holiday[] = [];
  const ramadan: Array<{ from: string; to: string }> = [];
  for (let date = `${firstYear}-01-01`; date < `${firstYear + 3}-01-01`; date = addDays(date, 1)) {
    const { month, day } = hijriOf(date);
    const feast = hijri.find(([m, days]) => m === month && days.includes(day));
    const civil = fixed.find(([monthDay]) => date.endsWith(monthDay));
    const names = [...(civil ? [{ ar: civil[1], en: civil[2] }] : []), ...(feast ? [{ ar: feast[2], en: feast[3] }] : [])];
    if (names.length > 0) {
      holidays.push({ date, name: { ar: names.map((name) => name.ar).join(' / '), en: names.map((name) => name.en).join(' / ') } });
    }
    if (month === 9) {
      const last = ramadan.at(-1);
      if (last && addDays(last.to, 1) === date) {
        last.to = date;
      } else {
        ramadan.push({ from: date, to: date });
      }
    }
  }
  return {
    weekdays: [0, 1, 2, 3, 4],
    hours: { from: '08:00', to: '15:00' },
    agencyHours: {},
    ramadan: { periods: ramadan, hours: { from: '09:00', to: '14:00' } },
    holidays,
  };
}
