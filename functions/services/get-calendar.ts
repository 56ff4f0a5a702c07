import { getCalendarRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { catalogueDeps } from './deps';
import { getCalendar } from './domain/calendar';

export const handler = httpHandler(getCalendarRoute, async ({ query }) => ({ body: await getCalendar(catalogueDeps, query.version) }));
