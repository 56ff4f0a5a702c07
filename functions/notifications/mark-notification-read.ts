import { markNotificationReadRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { inboxDeps } from './deps';
import { markRead } from './domain/inbox';

export const handler = httpHandler(markNotificationReadRoute, async ({ params, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await markRead(inboxDeps, principal, params.notificationId) };
});
