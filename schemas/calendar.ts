// The government working calendar: Sunday-Thursday week, working hours (shorter in Ramadan), public holidays.
import * as z from 'zod/mini';
import { isRealDate } from '../functions/shared/dates';
import { AgencyId } from './services';
import { localizedText } from './common';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

const Time = schema(() => z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm')));
const CalendarDate = schema(() => z.string().check(z.refine(isRealDate, 'must be a real date YYYY-MM-DD')));

export const WorkingHours = schema(() => z
  .strictObject({ from: Time, to: Time })
  .check(z.refine((hours) => hours.from < hours.to, 'from must be before to, within one day'))
  .register(z.globalRegistry, { id: 'WorkingHours', description: 'Amman wall-clock times, HH:mm' }));

export const Holiday = schema(() => z.strictObject({ date: CalendarDate, name: localizedText(120) }));

export const WorkingCalendarInput = schema(() => z
  .strictObject({
    /** Working days of the week, 0 = Sunday … 6 = Saturday. */
    weekdays: z.array(z.int().check(z.minimum(0), z.maximum(6))).check(z.minLength(1), z.maxLength(7)),
    hours: WorkingHours,
    /** Hours of an agency that keeps different ones (e.g. a service centre open later). */
    agencyHours: z.optional(z.record(AgencyId, WorkingHours)),
    ramadan: z.strictObject({
      periods: z.array(z.strictObject({ from: CalendarDate, to: CalendarDate })).check(z.maxLength(20)),
      hours: WorkingHours,
    }),
    holidays: z.array(Holiday).check(z.maxLength(400)),
  })
  .register(z.globalRegistry, { id: 'WorkingCalendarInput', description: 'The editable working calendar (all dates and times in Asia/Amman)' }));
export type WorkingCalendarInput = z.infer<typeof WorkingCalendarInput>;

export const WorkingCalendar = schema(() => z
  .extend(WorkingCalendarInput, { timeZone: z.literal('Asia/Amman'), version: z.int(), updatedAt: z.string(), updatedBy: z.string() })
  .register(z.globalRegistry, { id: 'WorkingCalendar', description: 'One version of the government working calendar' }));
export type WorkingCalendar = z.infer<typeof WorkingCalendar>;

export const PutCalendarBody = schema(() => z
  .strictObject({
    /** The version this edit is based on (optimistic concurrency). */
    expectedVersion: z.int().check(z.minimum(1)),
    calendar: WorkingCalendarInput,
  })
  .register(z.globalRegistry, { id: 'PutCalendarBody' }));
export type PutCalendarBody = z.infer<typeof PutCalendarBody>;

export const GetCalendarQuery = schema(() => z.strictObject({
  version: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000))),
}));
