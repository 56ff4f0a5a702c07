import { putNotificationPreferencesRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { inboxDeps } from './deps';
import { putPreferences } from './domain/inbox';

export const handler = httpHandler(putNotificationPreferencesRoute, async ({ body, principal }) => {
  return { body: await putPreferences(inboxDeps, principal, body) };
});
