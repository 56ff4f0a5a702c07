// The government working calendar as operators keep it: versioned (optimistic concurrency), every version kept,
// every change appended to the hash-chained audit trail (subject `calendar:working`).
import type { WorkingCalendar, WorkingCalendarInput } from '../../../schemas/calendar';
import type { AuditEntry } from '../../registry/domain/audit-chain';
import { BadRequest, NotFound } from '../../shared/errors';
import { type Actor, type CatalogueDeps } from './catalogue';
import { importFirstVersion, publishNextVersion, type VersionedStore } from './versioned';
import { byCodeUnit } from '../../shared/order';

export const CALENDAR_SUBJECT = 'calendar:working';

export interface CalendarDeps extends CatalogueDeps {
  readonly audit: { append(entry: AuditEntry): Promise<unknown> };
}

export async function getCalendar(deps: CatalogueDeps, version?: number): Promise<WorkingCalendar> {
  const calendar = await deps.catalogue.getCalendar(version);
  if (!calendar) {
    throw version ? new NotFound('version_not_found', `The working calendar has no version ${version}`) : calendarNotFound();
  }
  return calendar;
}

/**
 * PUT /v1/calendar. 1. check the input, 2. write the next version on the base version (both the version item
 * and CURRENT, conditionally), 3. audit who changed what.
 */
export async function putCalendar(deps: CalendarDeps, input: WorkingCalendarInput, expectedVersion: number, actor: Actor & { role: string }): Promise<WorkingCalendar> {
  checkCalendar(input);
  const at = deps.now().toISOString();
  const { previous, next } = await publishNextVersion(
    calendarStore(deps),
    expectedVersion,
    (version) => ({ ...normalized(input), timeZone: 'Asia/Amman' as const, version, updatedAt: at, updatedBy: actor.role }),
    { what: 'The working calendar', missing: calendarNotFound },
  );
  await deps.audit.append({ subject: CALENDAR_SUBJECT, action: 'calendar.update', at, actor: { id: actor.username, role: actor.role }, fields: changedFields(previous, next), purpose: `version ${next.version}` });
  return next;
}

/** Seeds the calendar unless one exists; returns whether it was written. */
export async function importCalendar(deps: CatalogueDeps, input: WorkingCalendarInput, actor: Actor): Promise<boolean> {
  return importFirstVersion(calendarStore(deps), { ...normalized(input), timeZone: 'Asia/Amman', version: 1, updatedAt: deps.now().toISOString(), updatedBy: actor.username });
}

const calendarStore = (deps: CatalogueDeps): VersionedStore<WorkingCalendar> => ({
  load: () => deps.catalogue.getCalendar(),
  save: (calendar, expectedVersion) => deps.catalogue.saveCalendar(calendar, expectedVersion),
});

const calendarNotFound = () => new NotFound('calendar_not_found', 'No working calendar has been loaded');

function checkCalendar(input: WorkingCalendarInput): void {
  const dates = input.holidays.map((holiday) => holiday.date);
  const repeated = dates.filter((date, index) => dates.indexOf(date) !== index);
  if (repeated.length > 0) {
    throw new BadRequest('duplicate_holiday', `A date appears twice in the holiday table: ${[...new Set(repeated)].join(', ')}`, { dates: [...new Set(repeated)] });
  }
  const backwards = input.ramadan.periods.filter((period) => period.from > period.to);
  if (backwards.length > 0) {
    throw new BadRequest('invalid_period', 'A Ramadan period ends before it starts', { periods: backwards });
  }
}

const normalized = (input: WorkingCalendarInput): WorkingCalendarInput => ({
  ...input,
  weekdays: [...new Set(input.weekdays)].sort(),
  holidays: [...input.holidays].sort((a, b) => byCodeUnit(a.date, b.date)),
});

function changedFields(before: WorkingCalendarInput, after: WorkingCalendarInput): string[] {
  const keys = ['weekdays', 'hours', 'agencyHours', 'ramadan', 'holidays'] as const;
  return keys.filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)).map((key) => `calendar.${key}`);
}
