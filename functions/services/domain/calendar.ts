// The government working calendar as operators keep it: versioned (optimistic concurrency), every version kept,
// every change appended to the hash-chained audit trail (subject `calendar:working`).
import type { WorkingCalendar, WorkingCalendarInput } from '../../../schemas/calendar';
import type { AuditEntry } from '../../registry/domain/audit-chain';
import { BadRequest, Conflict, NotFound } from '../../shared/errors';
import { type Actor, type CatalogueDeps } from './catalogue';
import { VersionConflict } from '../../shared/errors';

export const CALENDAR_SUBJECT = 'calendar:working';

export interface CalendarDeps extends CatalogueDeps {
  readonly audit: { append(entry: AuditEntry): Promise<unknown> };
}

export async function getCalendar(deps: CatalogueDeps, version?: number): Promise<WorkingCalendar> {
  const calendar = await deps.catalogue.getCalendar(version);
  if (!calendar) {
    throw version ? new NotFound('version_not_found', `The working calendar has no version ${version}`) : new NotFound('calendar_not_found', 'No working calendar has been loaded');
  }
  return calendar;
}

/**
 * PUT /v1/calendar. 1. check the input, 2. check the base version, 3. write the next version (both the version
 * item and CURRENT, conditionally), 4. audit who changed what.
 */
export async function putCalendar(deps: CalendarDeps, input: WorkingCalendarInput, expectedVersion: number, actor: Actor & { role: string }): Promise<WorkingCalendar> {
  checkCalendar(input);
  const current = await deps.catalogue.getCalendar();
  if (!current) {
    throw new NotFound('calendar_not_found', 'No working calendar has been loaded');
  }
  if (current.version !== expectedVersion) {
    throw staleCalendar(expectedVersion, current.version);
  }
  const at = deps.now().toISOString();
  const next: WorkingCalendar = { ...normalized(input), timeZone: 'Asia/Amman', version: expectedVersion + 1, updatedAt: at, updatedBy: actor.role };
  try {
    await deps.catalogue.saveCalendar(next, expectedVersion);
  } catch (error) {
    if (error instanceof VersionConflict) {
      const latest = await deps.catalogue.getCalendar();
      throw staleCalendar(expectedVersion, latest?.version ?? expectedVersion);
    }
    throw error;
  }
  await deps.audit.append({ subject: CALENDAR_SUBJECT, action: 'calendar.update', at, actor: { id: actor.username, role: actor.role }, fields: changedFields(current, next), purpose: `version ${next.version}` });
  return next;
}

/** Seeds the calendar unless one exists; returns whether it was written. */
export async function importCalendar(deps: CatalogueDeps, input: WorkingCalendarInput, actor: Actor): Promise<boolean> {
  if (await deps.catalogue.getCalendar()) {
    return false;
  }
  try {
    await deps.catalogue.saveCalendar({ ...normalized(input), timeZone: 'Asia/Amman', version: 1, updatedAt: deps.now().toISOString(), updatedBy: actor.username }, 0);
    return true;
  } catch (error) {
    if (error instanceof VersionConflict) {
      return false;
    }
    throw error;
  }
}

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
  holidays: [...input.holidays].sort((a, b) => a.date.localeCompare(b.date)),
});

function changedFields(before: WorkingCalendarInput, after: WorkingCalendarInput): string[] {
  const keys = ['weekdays', 'hours', 'agencyHours', 'ramadan', 'holidays'] as const;
  return keys.filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)).map((key) => `calendar.${key}`);
}

const staleCalendar = (expectedVersion: number, currentVersion: number) =>
  new Conflict('stale_version', `The working calendar is at version ${currentVersion}, not ${expectedVersion}: reload it`, { expectedVersion, currentVersion });
