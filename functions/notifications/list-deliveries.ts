import { listNotificationDeliveriesRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { inboxDeps } from './deps';
import { listDeliveries } from './domain/inbox';

export const handler = httpHandler(listNotificationDeliveriesRoute, async ({ query, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await listDeliveries(inboxDeps, principal, query) };
});
