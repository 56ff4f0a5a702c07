// The working calendar as SLA arithmetic reads it: from the catalogue table, kept in memory for a minute.
import type { WorkingCalendar } from '../../schemas/calendar';
import { dynamo, requireTable } from '../shared/dynamo';
import { memoize } from '../shared/memo';
import { catalogueReads } from './catalogue-reads';
import type { ServiceCatalogue } from './domain/catalogue';

/** Seconds an operator's calendar edit may take to reach SLA computations. */
export const CALENDAR_CACHE_SECONDS = 60;

export function calendarSource(catalogue: () => Pick<ServiceCatalogue, 'getCalendar'>, ttlSeconds = CALENDAR_CACHE_SECONDS): () => Promise<WorkingCalendar> {
  return memoize(async () => {
    const calendar = await catalogue().getCalendar();
    if (!calendar) {
      throw new Error('no working calendar in the catalogue: load the reference data (seed) first');
    }
    return calendar;
  }, ttlSeconds);
}

/** For handlers: the catalogue table is resolved when the calendar is first needed. */
export const workingCalendar = calendarSource(() => catalogueReads(dynamo, requireTable('catalogue')));
