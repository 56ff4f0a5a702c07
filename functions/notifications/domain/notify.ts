// Turning one event into notifications: the recipients' inbox items, and the emails and SMS their preferences
// ask for. Delivery is at least once, deduplicated by event id: a redelivered event writes and sends nothing new,
// only finishes what a run that died midway left undone.
import { fitSms } from '../../shared/message-format';
import { isJordanMobile, toE164 } from '../../../schemas/identifiers';
import { monotonicFactory } from 'ulid';
import type { CitizenCategory, DeliveryChannel, Language } from '../../../schemas/engagement';
import { deliveryChannels } from '../../../schemas/engagement';
import { quietUntil } from '../../shared/amman-time';
import type { ContactBook, Delivery, DeliveryQueue, DeliveryRef, EventRecord, Feed, NotificationStore, StoredNotification, Subject } from './ports';
import { effectivePreferences } from './preferences';
import { render, type Variables } from './render';
import { emailFooter, type Template, type TemplateKey, templates } from './templates';

/** Ids in the order notifications were made, even within one millisecond: inboxes list newest first by id. */
const nextId = monotonicFactory();

/** Long enough for an answer's first lines; the inbox and the email carry the whole text. */

export type Recipient =
  | { readonly audience: 'citizen'; readonly subject: Subject }
  | { readonly audience: 'agency'; readonly agencyId: string }
  | { readonly audience: 'operators' };

export interface Message {
  readonly template: TemplateKey;
  readonly recipient: Recipient;
  readonly variables: Variables;
  readonly applicationId?: string;
  readonly complaintId?: string;
}

export interface NotifyDeps {
  readonly store: NotificationStore;
  readonly queue: DeliveryQueue;
  readonly contacts: ContactBook;
  readonly now: () => Date;
}

export interface NotifyResult {
  readonly duplicate: boolean;
  readonly notifications: number;
  readonly queued: number;
  /** Placeholders that had no value (rendered empty): a template bug the template tests should have caught. */
  readonly missingVariables: readonly string[];
}

export function feedOf(recipient: Recipient): Feed {
  switch (recipient.audience) {
    case 'citizen':
      return `${recipient.subject.kind}:${recipient.subject.recordId}`;
    case 'agency':
      return `agency:${recipient.agencyId}`;
    case 'operators':
      return 'operators';
  }
}

/** An inbox item and its deliveries, rendered, waiting for their id. */
interface Draft {
  readonly notification: Omit<StoredNotification, 'notificationId'>;
  readonly deliveries: ReadonlyArray<Omit<Delivery, 'notificationId'>>;
}

const withId = (draft: Draft, notificationId: string) => ({
  notification: { notificationId, ...draft.notification } as StoredNotification,
  deliveries: draft.deliveries.map((delivery) => ({ notificationId, ...delivery }) as Delivery),
});
const refKey = (ref: DeliveryRef) => `${ref.notificationId} ${ref.channel}`;

/**
 * Primary course:
 * 1. Render each message for its recipient: the inbox item in both languages; for citizens, the email and SMS
 *    their preferences allow, in their language, SMS held until their quiet hours end unless urgent.
 * 2. Record the event with the ids of its inbox items and deliveries, before writing any of them.
 * 3. Write the inbox items and deliveries (each only if not there yet), then queue the deliveries.
 *
 * Redelivered event (its record is there): a run may have died after step 2, so finish it with the ids of the
 * record: write what is missing of what it names, and queue again each delivery still queued (a duplicate message
 * is harmless: the delivery worker claims a delivery before sending it, and a sent one stays sent).
 */
export async function notify(deps: NotifyDeps, eventId: string, messages: readonly Message[]): Promise<NotifyResult> {
  const now = deps.now();
  const missing = new Set<string>();
  const drafts: Draft[] = [];
  for (const message of messages) {
    drafts.push(await draft(deps, eventId, message, now, missing));
  }
  const fresh = drafts.map((item) => withId(item, nextId(now.getTime())));
  const earlier = await deps.store.recordEvent(eventId, {
    at: now.toISOString(),
    notifications: fresh.map(({ notification }) => ({ feed: notification.feed, notificationId: notification.notificationId })),
    deliveries: fresh.flatMap((item) => item.deliveries.map(({ notificationId, channel }) => ({ notificationId, channel }))),
  });
  if (!earlier) {
    const notifications = fresh.map((item) => item.notification);
    const deliveries = fresh.flatMap((item) => item.deliveries);
    await deps.store.saveNotifications(now.toISOString(), notifications, deliveries);
    const toQueue = deliveries.filter((delivery) => delivery.status === 'queued');
    await enqueue(deps, toQueue);
    return { duplicate: false, notifications: notifications.length, queued: toQueue.length, missingVariables: [...missing] };
  }

  const finished = await finish(deps, drafts, earlier, now);
  return { duplicate: true, ...finished, missingVariables: [...missing] };
}

/**
 * A redelivered event: the same drafts under the ids its record gave them the first time (matched by feed, in
 * message order). Writes what is missing of what the record names, then queues each of its deliveries still queued.
 */
async function finish(deps: NotifyDeps, drafts: readonly Draft[], earlier: EventRecord, now: Date): Promise<{ notifications: number; queued: number }> {
  const found = await deps.store.recorded(earlier);
  const ids = new Map<string, string[]>();
  for (const { feed, notificationId } of earlier.notifications ?? []) {
    ids.set(feed, [...(ids.get(feed) ?? []), notificationId]);
  }
  const planned = new Set(earlier.deliveries.map(refKey));
  const there = new Set(found.deliveries.map(refKey));
  const notifications: StoredNotification[] = [];
  const deliveries: Delivery[] = [];
  for (const item of drafts) {
    const notificationId = ids.get(item.notification.feed)?.shift();
    if (!notificationId) {
      continue; // not recorded the first time: not this event's to notify now
    }
    const named = withId(item, notificationId);
    if (!found.notificationIds.has(notificationId)) {
      notifications.push(named.notification);
    }
    // Only what the record names (preferences may have changed since), and only what is not there yet.
    deliveries.push(...named.deliveries.filter((delivery) => planned.has(refKey(delivery)) && !there.has(refKey(delivery))));
  }
  if (notifications.length > 0 || deliveries.length > 0) {
    await deps.store.saveNotifications(now.toISOString(), notifications, deliveries);
  }
  const toQueue = [...found.deliveries, ...deliveries].filter((delivery) => delivery.status === 'queued');
  await enqueue(deps, toQueue);
  return { notifications: notifications.length, queued: toQueue.length };
}

async function enqueue(deps: NotifyDeps, deliveries: readonly Delivery[]): Promise<void> {
  for (const delivery of deliveries) {
    await deps.queue.enqueue({ notificationId: delivery.notificationId, channel: delivery.channel });
  }
}

async function draft(deps: NotifyDeps, eventId: string, message: Message, now: Date, missing: Set<string>): Promise<Draft> {
  const template: Template = templates[message.template];
  if (template.audience !== message.recipient.audience) {
    throw new Error(`template ${message.template} is for ${template.audience}, not ${message.recipient.audience}`);
  }
  const text = (part: 'title' | 'body', language: Language) => collect(render(template.text[language][part], message.variables, language), missing);
  const notification: Draft['notification'] = {
    feed: feedOf(message.recipient),
    eventId,
    type: template.event,
    category: template.category,
    urgent: Boolean(template.urgent),
    title: { ar: text('title', 'ar'), en: text('title', 'en') },
    body: { ar: text('body', 'ar'), en: text('body', 'en') },
    ...(message.applicationId ? { applicationId: message.applicationId } : {}),
    ...(message.complaintId ? { complaintId: message.complaintId } : {}),
    createdAt: now.toISOString(),
  };
  const deliveries =
    message.recipient.audience === 'citizen' ? await citizenDeliveries(deps, { template, message, notification, subject: message.recipient.subject, now, missing }) : [];
  return { notification, deliveries };
}

function collect(result: { text: string; missing: string[] }, missing: Set<string>): string {
  result.missing.forEach((name) => missing.add(name));
  return result.text;
}

interface CitizenMessage {
  readonly template: Template;
  readonly message: Message;
  readonly notification: Draft['notification'];
  readonly subject: Subject;
  readonly now: Date;
  readonly missing: Set<string>;
}

async function citizenDeliveries(deps: NotifyDeps, input: CitizenMessage): Promise<Array<Omit<Delivery, 'notificationId'>>> {
  const { template, message, notification, now } = input;
  const preferences = effectivePreferences(await deps.store.getPreferences(notification.feed));
  const wanted = deliveryChannels.filter((channel) => preferences.channels[template.category as CitizenCategory]?.[channel]);
  if (wanted.length === 0) {
    return [];
  }
  const contact = await deps.contacts.of(input.subject);
  const language = preferences.language;
  const text = template.text[language];
  const fill = (part: string) => collect(render(part, message.variables, language), input.missing);
  const content: Record<DeliveryChannel, { subject?: string; body: string }> = {
    email: { subject: notification.title[language], body: `${notification.body[language]}\n\n${emailFooter[language]}` },
    // Two SMS parts at most: 134 characters in Arabic (UCS-2, 67 a part), 306 in plain Latin text (GSM-7).
    sms: { body: fitSms(fill(text.sms ?? text.title)) },
  };
  const deliveries: Array<Omit<Delivery, 'notificationId'>> = [];
  for (const channel of wanted) {
    const to = channel === 'email' ? contact?.email : contact?.phone && toE164(contact.phone);
    // SMS only to Jordanian mobile ranges (077, 078, 079): a landline or foreign number gets the other channels.
    if (!to || (channel === 'sms' && !isJordanMobile(to))) {
      continue;
    }
    const heldUntil = channel === 'sms' && !template.urgent ? quietUntil(now, preferences.quietHours) : undefined;
    const status = heldUntil ? 'deferred' : 'queued';
    deliveries.push({
      channel,
      feed: notification.feed,
      eventType: template.event,
      urgent: Boolean(template.urgent),
      to,
      language,
      ...content[channel],
      status,
      attempts: 0,
      history: [{ at: now.toISOString(), status }],
      ...(heldUntil ? { sendAfter: heldUntil.toISOString() } : {}),
      ...(notification.applicationId ? { applicationId: notification.applicationId } : {}),
      ...(notification.complaintId ? { complaintId: notification.complaintId } : {}),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  }
  return deliveries;
}
