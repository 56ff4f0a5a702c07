import { markNotificationReadRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { inboxDeps } from './deps';
import { markRead } from './domain/inbox';

export const handler = httpHandler(markNotificationReadRoute, async ({ params, principal }) => {
  return { body: await markRead(inboxDeps, principal, params.notificationId) };
});
