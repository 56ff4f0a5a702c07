import { listMyNotificationsRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { inboxDeps } from './deps';
import { listNotifications } from './domain/inbox';

export const handler = httpHandler(listMyNotificationsRoute, async ({ query, principal }) => {
  return { body: await listNotifications(inboxDeps, principal, query) };
});
