import { getNotificationPreferencesRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { inboxDeps } from './deps';
import { getPreferences } from './domain/inbox';

export const handler = httpHandler(getNotificationPreferencesRoute, async ({ principal }) => {
  return { body: await getPreferences(inboxDeps, principal) };
});
