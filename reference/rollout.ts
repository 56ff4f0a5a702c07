// Reference data: Jordan's six-phase rollout plan, as days from the day the schedule is first loaded (so it
// never goes stale): phases 1 and 2 are open; phase 3 opens in about three months, 4 to 6 every six months.
import { daysFrom } from '../functions/shared/dates';

export const rolloutOffsetDays: Readonly<Record<number, number>> = { 1: -700, 2: -90, 3: 90, 4: 270, 5: 450, 6: 630 };

/** The schedule (phase → YYYY-MM-DD) for a load on `today`. */
export function rolloutSchedule(today: Date, offsets: Readonly<Record<number, number>> = rolloutOffsetDays): Record<number, string> {
  return Object.fromEntries(Object.entries(offsets).map(([phase, days]) => [Number(phase), daysFrom(today, days)]));
}
