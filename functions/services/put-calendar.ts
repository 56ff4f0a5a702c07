import { putCalendarRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { registryDeps as registry } from '../registry/deps';
import { registryDeps } from './deps';
import { putCalendar } from './domain/calendar';

const deps = { ...registryDeps, audit: { append: (entry: Parameters<typeof registry.store.appendAudit>[0]) => registry.store.appendAudit(entry) } };

export const handler = httpHandler(putCalendarRoute, async ({ body, caller, principal }) => {
  return { body: await putCalendar(deps, body.calendar, body.expectedVersion, { username: caller.username, role: principal.role }) };
});
