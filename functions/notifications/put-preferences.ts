import { putNotificationPreferencesRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { inboxDeps } from './deps';
import { putPreferences } from './domain/inbox';

export const handler = httpHandler(putNotificationPreferencesRoute, async ({ body, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await putPreferences(inboxDeps, principal, body) };
});
