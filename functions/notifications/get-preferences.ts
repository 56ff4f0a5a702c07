import { getNotificationPreferencesRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { inboxDeps } from './deps';
import { getPreferences } from './domain/inbox';

export const handler = httpHandler(getNotificationPreferencesRoute, async ({ caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await getPreferences(inboxDeps, principal) };
});
