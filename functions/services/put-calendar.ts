import { putCalendarRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { operatorEditDeps } from './edit-deps';
import { putCalendar } from './domain/calendar';

export const handler = httpHandler(putCalendarRoute, async ({ body, caller, principal }) => {
  return { body: await putCalendar(operatorEditDeps, body.calendar, body.expectedVersion, { username: caller.username, role: principal.role }) };
});
