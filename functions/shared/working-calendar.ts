// Working time in Jordan's government: SLAs count working days and hours in Asia/Amman, not calendar hours.
// An SLA of N hours reads as Jordanians read it: every whole 24 hours is one working day (due at the same
// working time of day, N working days later), the rest is working hours. Outside working time the clock waits.
import { addDays, ammanMinuteOfDay, ammanDate, minutesOf } from './amman-time';

export interface CalendarRules {
  readonly weekdays: readonly number[];
  readonly hours: { readonly from: string; readonly to: string };
  readonly agencyHours?: Readonly<Record<string, { readonly from: string; readonly to: string }>>;
  readonly ramadan: { readonly periods: readonly { readonly from: string; readonly to: string }[]; readonly hours: { readonly from: string; readonly to: string } };
  readonly holidays: readonly { readonly date: string }[];
}

interface Window {
  readonly open: number;
  readonly close: number;
}

/** Far enough to cross any real run of holidays; a calendar without a working day in it is broken. */
const MAX_SCAN_DAYS = 400;

const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

export function isWorkingDay(calendar: CalendarRules, date: string): boolean {
  return calendar.weekdays.includes(weekdayOf(date)) && !calendar.holidays.some((holiday) => holiday.date === date);
}

/** The working window of that Amman date (minutes after midnight), undefined on a day off. */
export function workingWindow(calendar: CalendarRules, date: string, agencyId?: string): Window | undefined {
  if (!isWorkingDay(calendar, date)) {
    return undefined;
  }
  const inRamadan = calendar.ramadan.periods.some((period) => period.from <= date && date <= period.to);
  const hours = inRamadan ? calendar.ramadan.hours : ((agencyId ? calendar.agencyHours?.[agencyId] : undefined) ?? calendar.hours);
  return { open: minutesOf(hours.from), close: minutesOf(hours.to) };
}

function nextWorkingDay(calendar: CalendarRules, date: string, agencyId?: string): { date: string; window: Window } {
  for (let day = 1; day <= MAX_SCAN_DAYS; day++) {
    const next = addDays(date, day);
    const window = workingWindow(calendar, next, agencyId);
    if (window) {
      return { date: next, window };
    }
  }
  throw new Error(`the working calendar has no working day in the ${MAX_SCAN_DAYS} days after ${date}`);
}

/** The instant of an Amman wall-clock time on an Amman date. */
export function ammanInstant(date: string, minute: number): Date {
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minute * 60_000;
  const guess = new Date(asUtc - 3 * 3_600_000);
  const drift = (Date.parse(`${ammanDate(guess)}T00:00:00Z`) + ammanMinuteOfDay(guess) * 60_000 - asUtc) / 60_000;
  return new Date(guess.getTime() - drift * 60_000);
}

/** Where the working clock stands at `at`: inside a window, or at the next opening. */
function align(calendar: CalendarRules, at: Date, agencyId?: string): { date: string; minute: number; window: Window; seconds: number } {
  const date = ammanDate(at);
  const minute = ammanMinuteOfDay(at);
  const window = workingWindow(calendar, date, agencyId);
  if (window && minute < window.close) {
    // Inside working hours the clock keeps the start's seconds: 48 working hours are never less than 48 hours.
    return minute >= window.open ? { date, minute, window, seconds: at.getTime() % 60_000 } : { date, minute: window.open, window, seconds: 0 };
  }
  const next = nextWorkingDay(calendar, date, agencyId);
  return { ...next, minute: next.window.open, seconds: 0 };
}

/** When an SLA of `slaHours` started at `start` falls due, counted in working time. */
export function addWorkingTime(calendar: CalendarRules, start: Date, slaHours: number, agencyId?: string): Date {
  let { date, minute, window, seconds } = align(calendar, start, agencyId);
  for (let day = 0; day < Math.floor(slaHours / 24); day++) {
    ({ date, window } = nextWorkingDay(calendar, date, agencyId));
    minute = Math.min(Math.max(minute, window.open), window.close);
  }
  let remaining = Math.round((slaHours % 24) * 60);
  while (remaining > window.close - minute) {
    remaining -= window.close - minute;
    ({ date, window } = nextWorkingDay(calendar, date, agencyId));
    minute = window.open;
  }
  return new Date(ammanInstant(date, minute + remaining).getTime() + seconds);
}

/** Working days an SLA stands for, as a service card states it (a part day counts as one). */
export const workingDaysOf = (slaHours: number) => Math.max(1, Math.ceil(slaHours / 24));

/** The service card's promise: each stage takes its slowest step; stages follow one another. */
export const workflowHours = (workflow: readonly { steps: readonly { slaHours: number }[] }[]) =>
  workflow.reduce((total, stage) => total + Math.max(...stage.steps.map((step) => step.slaHours)), 0);

export function workingDaysText(days: number): { ar: string; en: string } {
  const ar = days === 1 ? 'يوم عمل واحد' : days === 2 ? 'يوما عمل' : days <= 10 ? `${days} أيام عمل` : `${days} يوم عمل`;
  return { ar, en: `${days} working day${days === 1 ? '' : 's'}` };
}
