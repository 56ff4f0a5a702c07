// Jordan's clock (Asia/Amman): "today", dates in messages, SMS quiet hours, rating quarters.
// Every "what date is it" question goes through ammanDate: a UTC date is yesterday in Amman until 03:00.

/** A daily window of Amman wall-clock times, `HH:mm`; it may span midnight. */
export interface DailyWindow {
  readonly from: string;
  readonly to: string;
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

const HOUR_MS = 60 * MINUTE_MS;

/**
 * Since 2022-10-28 Asia/Amman is UTC+3 all year (tz 2022f); from then on the wall clock is plain arithmetic.
 * Before it, ICU's zone rules: its first Intl.DateTimeFormat costs some 30 ms of a cold start, so it is made only
 * for such an instant. test/unit/amman-time.test.ts checks the arithmetic against ICU over the coming years, so a
 * future change of Jordan's rules in Node's zone data fails the tests instead of shifting dates quietly.
 */
const FIXED_OFFSET_SINCE = Date.UTC(2022, 9, 27, 22);
const FIXED_OFFSET_MS = 3 * HOUR_MS;

let zoneRules: Intl.DateTimeFormat | undefined;

/** Amman's wall clock at an instant by ICU's zone rules (what `local` does before 2022-10-28). */
export function localByZoneRules(date: Date): { year: string; month: string; day: string; hour: string; minute: string } {
  zoneRules ??= new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Amman', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const parts = Object.fromEntries(zoneRules.formatToParts(date).map((part) => [part.type, part.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

export function local(date: Date): { year: string; month: string; day: string; hour: string; minute: string } {
  const time = date.getTime();
  if (!(time >= FIXED_OFFSET_SINCE)) {
    return localByZoneRules(date);
  }
  const wall = new Date(time + FIXED_OFFSET_MS);
  const year = wall.getUTCFullYear();
  return {
    year: year <= 9999 ? String(year).padStart(4, '0') : String(year),
    month: twoDigits(wall.getUTCMonth() + 1),
    day: twoDigits(wall.getUTCDate()),
    hour: twoDigits(wall.getUTCHours()),
    minute: twoDigits(wall.getUTCMinutes()),
  };
}

/** The calendar date in Amman at this instant, `YYYY-MM-DD`: what "today" means for a Jordanian. */
export function ammanDate(at: Date): string {
  const { year, month, day } = local(at);
  return `${year}-${month}-${day}`;
}

/** A calendar date `days` after (or before) another, `YYYY-MM-DD`; plain date arithmetic, no clock involved. */
export function addDays(date: string, days: number): string {
  const noon = new Date(`${date}T12:00:00Z`);
  noon.setUTCDate(noon.getUTCDate() + days);
  return noon.toISOString().slice(0, 10);
}

/** Amman's date `days` after the Amman date of `at`. */
export function ammanDateAfter(at: Date, days: number): string {
  return addDays(ammanDate(at), days);
}

/** Minutes since Amman midnight at this instant. */
export function ammanMinuteOfDay(at: Date): number {
  const { hour, minute } = local(at);
  return Number(hour) * 60 + Number(minute);
}

/** `YYYY-MM-DD HH:mm`, Amman time. */
export function localDateTime(date: Date): string {
  const { year, month, day, hour, minute } = local(date);
  return `${year}-${month}-${day} ${hour}:${minute}`;
}

/** `YYYY-MM` of an instant, Amman time (a KPI's month). */
export function ammanMonth(at: string | Date): string {
  const { year, month } = local(typeof at === 'string' ? new Date(at) : at);
  return `${year}-${month}`;
}

/** `YYYY-QN` of the date in Amman. */
export function quarterOf(date: Date): string {
  const { year, month } = local(date);
  return `${year}-Q${Math.ceil(Number(month) / 3)}`;
}

export const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** When the quiet hours `now` falls in end (to the minute), or undefined outside them. Windows may span midnight. */
export function quietUntil(now: Date, hours: DailyWindow | null): Date | undefined {
  if (!hours) {
    return undefined;
  }
  const { hour, minute } = local(now);
  const current = Number(hour) * 60 + Number(minute);
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  const inside = from < to ? current >= from && current < to : current >= from || current < to;
  if (!inside) {
    return undefined;
  }
  const wholeMinute = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  return new Date(wholeMinute + ((to - current + DAY_MINUTES) % DAY_MINUTES) * MINUTE_MS);
}
