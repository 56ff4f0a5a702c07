// The API side of notifications: your inbox and what you have read, your preferences, and for operators the
// deliveries that are held, failing or dead-lettered.
import type { Language, Notification } from '../../../schemas/engagement';
import { decodeCursor, encodeCursor, fingerprint } from '../../shared/cursor';
import { Forbidden, NotFound } from '../../shared/errors';
import type { Principal } from '../../shared/identity';
import type { Delivery, Feed, NotificationStore, StoredNotification } from './ports';
import { effectivePreferences, type PreferencesChange, replacePreferences } from './preferences';

export interface InboxDeps {
  readonly store: NotificationStore;
  readonly now: () => Date;
}

/** Staff inboxes are shared (an agency's, the operators'); Arabic unless the reader asks otherwise. */
const STAFF_LANGUAGE: Language = 'ar';

/** Each caller has one inbox: their own (citizens), their agency's (officers) or the e-Government Unit's (operators). */
export function inboxOf(principal: Principal): Feed {
  if (principal.role === 'citizen' && principal.subject) {
    return `${principal.subject.kind}:${principal.subject.recordId}`;
  }
  if (principal.role === 'officer' && principal.agencyId) {
    return `agency:${principal.agencyId}`;
  }
  if (principal.role === 'operator') {
    return 'operators';
  }
  throw new Forbidden('Citizens, officers and operators have notification inboxes', { reason: 'no_inbox' });
}

async function languageOf(deps: InboxDeps, principal: Principal, feed: Feed, override?: Language): Promise<Language> {
  if (override) {
    return override;
  }
  return principal.role === 'citizen' ? effectivePreferences(await deps.store.getPreferences(feed)).language : STAFF_LANGUAGE;
}

function view(notification: StoredNotification, language: Language, readAt: string | undefined): Notification {
  const { applicationId, complaintId } = notification;
  return {
    notificationId: notification.notificationId,
    type: notification.type,
    category: notification.category,
    urgent: notification.urgent,
    language,
    title: notification.title[language],
    body: notification.body[language],
    ...(applicationId ? { applicationId } : {}),
    ...(complaintId ? { complaintId } : {}),
    createdAt: notification.createdAt,
    read: Boolean(readAt),
    ...(readAt ? { readAt } : {}),
  };
}

const isNotificationId = (key: unknown): key is string => typeof key === 'string' && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(key);

export async function listNotifications(deps: InboxDeps, principal: Principal, query: { lang?: Language; cursor?: string; limit?: number }) {
  const feed = inboxOf(principal);
  const print = fingerprint({ feed });
  const before = query.cursor ? decodeCursor(query.cursor, print, isNotificationId) : undefined;
  const [language, page] = await Promise.all([languageOf(deps, principal, feed, query.lang), deps.store.feed(feed, query.limit ?? 20, before)]);
  const marks = await deps.store.readMarks(principal.sub, page.items.map((item) => item.notificationId));
  return {
    items: page.items.map((item) => view(item, language, marks.get(item.notificationId))),
    ...(page.last ? { nextCursor: encodeCursor(page.last, print) } : {}),
  };
}

/** Idempotent: reading it again keeps the first time. Shared inboxes keep each reader's own marks. */
export async function markRead(deps: InboxDeps, principal: Principal, notificationId: string): Promise<Notification> {
  const feed = inboxOf(principal);
  const notification = await deps.store.getNotification(feed, notificationId);
  if (!notification) {
    throw new NotFound('notification_not_found', `No notification ${notificationId} in your inbox`);
  }
  const readAt = await deps.store.markRead(principal.sub, notificationId, deps.now().toISOString());
  return view(notification, await languageOf(deps, principal, feed), readAt);
}

function citizenFeed(principal: Principal): Feed {
  if (principal.role !== 'citizen' || !principal.subject) {
    throw new Forbidden('Citizens choose how they are notified', { reason: 'role' });
  }
  return inboxOf(principal);
}

export async function getPreferences(deps: InboxDeps, principal: Principal) {
  return effectivePreferences(await deps.store.getPreferences(citizenFeed(principal)));
}

export async function putPreferences(deps: InboxDeps, principal: Principal, change: PreferencesChange) {
  const preferences = replacePreferences(change, deps.now().toISOString());
  await deps.store.putPreferences(citizenFeed(principal), preferences);
  return preferences;
}

/** Enough to tell a wrong domain or country code from a bad mailbox, not enough to tell whose it is. */
export function maskAddress(address: string): string {
  const at = address.indexOf('@');
  if (at > 0) {
    return `${address[0]}***${address.slice(at)}`;
  }
  return `${address.slice(0, 4)}${'*'.repeat(Math.max(0, address.length - 7))}${address.slice(-3)}`;
}

function deliveryView(delivery: Delivery) {
  const { applicationId, complaintId, reason, sendAfter } = delivery;
  return {
    notificationId: delivery.notificationId,
    channel: delivery.channel,
    status: delivery.status,
    to: maskAddress(delivery.to),
    eventType: delivery.eventType,
    urgent: delivery.urgent,
    ...(applicationId ? { applicationId } : {}),
    ...(complaintId ? { complaintId } : {}),
    attempts: delivery.attempts,
    ...(reason ? { reason } : {}),
    ...(sendAfter ? { sendAfter } : {}),
    createdAt: delivery.createdAt,
    updatedAt: delivery.updatedAt,
    history: delivery.history.map(({ at, status, attempt, reason, messageId }) => ({
      at,
      status,
      ...(attempt ? { attempt } : {}),
      ...(reason ? { reason } : {}),
      ...(messageId ? { messageId } : {}),
    })),
  };
}

export async function listDeliveries(
  deps: InboxDeps,
  principal: Principal,
  query: { status?: 'dead-lettered' | 'retrying' | 'deferred'; cursor?: string; limit?: number },
) {
  if (principal.role !== 'operator') {
    throw new Forbidden('Operators watch notification deliveries', { reason: 'role' });
  }
  const status = query.status ?? 'dead-lettered';
  const print = fingerprint({ status });
  const after = query.cursor ? decodeCursor(query.cursor, print, (key): key is string => typeof key === 'string' && key.length < 200) : undefined;
  const page = await deps.store.listDeliveries(status, query.limit ?? 20, after);
  return { items: page.items.map(deliveryView), ...(page.last ? { nextCursor: encodeCursor(page.last, print) } : {}) };
}
