// Turning one event into notifications: the recipients' inbox items, and the emails and SMS their preferences
// ask for. Delivery is at least once, deduplicated by event id: a redelivered event writes and sends nothing new.
import { monotonicFactory } from 'ulid';
import type { CitizenCategory, DeliveryChannel, Language } from '../../../schemas/engagement';
import { deliveryChannels } from '../../../schemas/engagement';
import { quietUntil } from './amman-time';
import type { ContactBook, Delivery, DeliveryQueue, Feed, NotificationStore, StoredNotification, Subject } from './ports';
import { effectivePreferences } from './preferences';
import { render, shorten, type Variables } from './render';
import { emailFooter, type Template, type TemplateKey, templates } from './templates';

/** Ids in the order notifications were made, even within one millisecond: inboxes list newest first by id. */
const nextId = monotonicFactory();

/** Long enough for an answer's first lines; the inbox and the email carry the whole text. */
export const SMS_MAX_CHARACTERS = 320;

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

/**
 * Primary course:
 * 1. Render each message for its recipient: the inbox item in both languages; for citizens, the email and SMS
 *    their preferences allow, in their language, SMS held until their quiet hours end unless urgent.
 * 2. Record the event with all of it in one write; a redelivered event finds its record and writes nothing.
 * 3. Queue the deliveries; on a redelivery, queue again those never sent (the first run may have died before).
 */
export async function notify(deps: NotifyDeps, eventId: string, messages: readonly Message[]): Promise<NotifyResult> {
  const now = deps.now();
  const missing = new Set<string>();
  const notifications: StoredNotification[] = [];
  const deliveries: Delivery[] = [];
  for (const message of messages) {
    const template: Template = templates[message.template];
    if (template.audience !== message.recipient.audience) {
      throw new Error(`template ${message.template} is for ${template.audience}, not ${message.recipient.audience}`);
    }
    const text = (part: 'title' | 'body', language: Language) => collect(render(template.text[language][part], message.variables, language), missing);
    const notification: StoredNotification = {
      notificationId: nextId(now.getTime()),
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
    notifications.push(notification);
    if (message.recipient.audience === 'citizen') {
      deliveries.push(...(await citizenDeliveries(deps, { template, message, notification, subject: message.recipient.subject, now, missing })));
    }
  }
  const recorded = await deps.store.recordEvent(eventId, now.toISOString(), notifications, deliveries);
  const toQueue = recorded ? deliveries.filter((delivery) => delivery.status === 'queued') : await deps.store.redelivered(eventId, now.toISOString());
  for (const delivery of toQueue) {
    await deps.queue.enqueue({ notificationId: delivery.notificationId, channel: delivery.channel });
  }
  return { duplicate: !recorded, notifications: recorded ? notifications.length : 0, queued: toQueue.length, missingVariables: [...missing] };
}

function collect(result: { text: string; missing: string[] }, missing: Set<string>): string {
  result.missing.forEach((name) => missing.add(name));
  return result.text;
}

interface CitizenMessage {
  readonly template: Template;
  readonly message: Message;
  readonly notification: StoredNotification;
  readonly subject: Subject;
  readonly now: Date;
  readonly missing: Set<string>;
}

async function citizenDeliveries(deps: NotifyDeps, input: CitizenMessage): Promise<Delivery[]> {
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
    sms: { body: shorten(fill(text.sms ?? text.title), SMS_MAX_CHARACTERS) },
  };
  const deliveries: Delivery[] = [];
  for (const channel of wanted) {
    const to = channel === 'email' ? contact?.email : contact?.phone;
    if (!to) {
      continue;
    }
    const heldUntil = channel === 'sms' && !template.urgent ? quietUntil(now, preferences.quietHours) : undefined;
    const status = heldUntil ? 'deferred' : 'queued';
    deliveries.push({
      notificationId: notification.notificationId,
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
