import { listMyNotificationsRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { inboxDeps } from './deps';
import { listNotifications } from './domain/inbox';

export const handler = httpHandler(listMyNotificationsRoute, async ({ query, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await listNotifications(inboxDeps, principal, query) };
});
