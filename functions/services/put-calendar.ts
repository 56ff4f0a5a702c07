import { putCalendarRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { registryDeps } from '../registry/deps';
import { catalogueDeps } from './deps';
import { putCalendar } from './domain/calendar';

const deps = { ...catalogueDeps, audit: { append: (entry: Parameters<typeof registryDeps.store.appendAudit>[0]) => registryDeps.store.appendAudit(entry) } };

export const handler = httpHandler(putCalendarRoute, async ({ body, caller, principal }) => {
  return { body: await putCalendar(deps, body.calendar, body.expectedVersion, { username: caller.username, role: principal.role }) };
});
