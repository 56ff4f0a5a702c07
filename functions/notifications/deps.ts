// Wiring of the notification inbox handlers (module scope: once per cold start).
import { dynamo, requireTable } from '../shared/dynamo';
import type { InboxDeps } from './domain/inbox';
import { dynamoNotifications } from './dynamo-notifications';

export const notificationStore = dynamoNotifications(dynamo, requireTable('engagement'));

export const inboxDeps: InboxDeps = { store: notificationStore, now: () => new Date() };
