// Jordan's clock and calendar (Asia/Amman): dates in messages, SMS quiet hours, rating quarters.
import type { QuietHours } from '../../../schemas/engagement';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

const format = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Amman',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function local(date: Date): { year: string; month: string; day: string; hour: string; minute: string } {
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

/** `YYYY-MM-DD HH:mm`, Amman time. */
export function localDateTime(date: Date): string {
  const { year, month, day, hour, minute } = local(date);
  return `${year}-${month}-${day} ${hour}:${minute}`;
}

/** `YYYY-QN` of the date in Amman. */
export function quarterOf(date: Date): string {
  const { year, month } = local(date);
  return `${year}-Q${Math.ceil(Number(month) / 3)}`;
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** When the quiet hours `now` falls in end (to the minute), or undefined outside them. Windows may span midnight. */
export function quietUntil(now: Date, hours: QuietHours | null): Date | undefined {
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
