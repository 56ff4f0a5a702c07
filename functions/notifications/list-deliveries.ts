import { listNotificationDeliveriesRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { inboxDeps } from './deps';
import { listDeliveries } from './domain/inbox';

export const handler = httpHandler(listNotificationDeliveriesRoute, async ({ query, principal }) => {
  return { body: await listDeliveries(inboxDeps, principal, query) };
});
