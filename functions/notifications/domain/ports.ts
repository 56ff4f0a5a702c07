// What notifications are made of, and the ports the use cases talk to (storage, queue, channels, contacts).
import type { DeliveryChannel, DeliveryStatus, Language, NotificationCategory, NotificationPreferences } from '../../../schemas/engagement';
import type { Localized } from './render';

/** A registry record that can be notified: the applicant or complainant. */
export interface Subject {
  readonly kind: 'persons' | 'residents';
  readonly recordId: string;
}

/** An inbox: a citizen's (`persons:<n>`), an agency's shared by its officers (`agency:<id>`), or the operators' (`operators`). */
export type Feed = string;

export interface StoredNotification {
  readonly notificationId: string;
  readonly feed: Feed;
  readonly eventId: string;
  readonly type: string;
  readonly category: NotificationCategory;
  readonly urgent: boolean;
  readonly title: Localized;
  readonly body: Localized;
  readonly applicationId?: string;
  readonly complaintId?: string;
  readonly createdAt: string;
}

export interface DeliveryRef {
  readonly notificationId: string;
  readonly channel: DeliveryChannel;
}

export interface DeliveryStep {
  readonly at: string;
  readonly status: DeliveryStatus;
  readonly attempt?: number;
  readonly reason?: string;
  /** The channel provider's id of the message sent. */
  readonly messageId?: string;
}

export interface Delivery extends DeliveryRef {
  readonly feed: Feed;
  readonly eventType: string;
  readonly urgent: boolean;
  /** The full address; only the sender sees it, the delivery log shows it masked. */
  readonly to: string;
  readonly language: Language;
  readonly subject?: string;
  readonly body: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly history: readonly DeliveryStep[];
  readonly reason?: string;
  readonly sendAfter?: string;
  readonly applicationId?: string;
  readonly complaintId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type StoredPreferences = Omit<NotificationPreferences, 'updatedAt'> & { readonly updatedAt: string };

/** What an event notifies, recorded before any of it is written: the ids its inbox items and deliveries have. */
export interface EventRecord {
  /** When the event was first handled. */
  readonly at: string;
  /**
   * Its inbox items, in the order of the event's messages. Absent from records written before this field was
   * (their inbox items and deliveries were written together with them, all or nothing).
   */
  readonly notifications?: ReadonlyArray<{ readonly feed: Feed; readonly notificationId: string }>;
  readonly deliveries: readonly DeliveryRef[];
}

export interface NotificationStore {
  /**
   * Records that an event is handled, with the ids of what it notifies, before any of that is written. Undefined
   * the first time; on a redelivery, counts it and returns the record of the first handling (nothing recorded anew).
   */
  recordEvent(eventId: string, record: EventRecord): Promise<EventRecord | undefined>;
  /** Writes each inbox item and delivery unless it is there already (idempotent: a redo writes nothing twice). */
  saveNotifications(at: string, notifications: readonly StoredNotification[], deliveries: readonly Delivery[]): Promise<void>;
  /** Of what an event record names, what is written: the ids of its inbox items there, its deliveries there. */
  recorded(record: EventRecord): Promise<{ notificationIds: Set<string>; deliveries: Delivery[] }>;
  getPreferences(owner: Feed): Promise<StoredPreferences | undefined>;
  putPreferences(owner: Feed, preferences: StoredPreferences): Promise<void>;
  /** A feed, newest first, after `before` (a notification id). */
  feed(feed: Feed, limit: number, before?: string): Promise<{ items: StoredNotification[]; last?: string }>;
  getNotification(feed: Feed, notificationId: string): Promise<StoredNotification | undefined>;
  /** When `reader` read each of these notifications (absent: unread). */
  readMarks(reader: string, notificationIds: readonly string[]): Promise<Map<string, string>>;
  /** Marks read once; returns when it was first read. */
  markRead(reader: string, notificationId: string, at: string): Promise<string>;
  getDelivery(ref: DeliveryRef): Promise<Delivery | undefined>;
  /**
   * Takes the delivery for `attempt` until `leaseUntil`, if it is waiting (queued, retrying, deferred and due,
   * dead-lettered and redriven) or its last sender's lease ran out. Undefined if it is not to be sent now.
   */
  claim(ref: DeliveryRef, attempt: number, now: string, leaseUntil: string): Promise<Delivery | undefined>;
  /** Logs the outcome of an attempt: sent, retrying (with the reason) or dead-lettered (with the reason). */
  logAttempt(ref: DeliveryRef, step: DeliveryStep & { readonly status: 'sent' | 'retrying' | 'dead-lettered' }): Promise<void>;
  /** Deliveries in a watched status, newest change first (deferred: soonest due first). */
  listDeliveries(status: 'dead-lettered' | 'retrying' | 'deferred', limit: number, after?: string): Promise<{ items: Delivery[]; last?: string }>;
  /** Deferred deliveries due at `now`, soonest first, after `after`. */
  dueDeferred(now: string, limit: number, after?: string): Promise<{ items: Delivery[]; last?: string }>;
  /** Moves a deferred delivery to queued (no-op if something else moved it first). */
  released(ref: DeliveryRef, at: string): Promise<void>;
}

/** The queue between recording a notification and sending it (SQS with a DLQ in AWS). */
export interface DeliveryQueue {
  enqueue(ref: DeliveryRef): Promise<void>;
}

export interface ContactBook {
  /** The subject's email and mobile on their registry record. */
  of(subject: Subject): Promise<{ readonly email?: string; readonly phone?: string } | undefined>;
}

export interface EmailSender {
  send(message: { readonly to: string; readonly subject: string; readonly body: string; readonly language: Language; readonly reference: string }): Promise<{ readonly messageId: string }>;
}

export interface SmsSender {
  send(message: { readonly to: string; readonly body: string; readonly reference: string }): Promise<{ readonly messageId: string }>;
}

/** Puts a message that failed back on its queue after a delay (SQS: its visibility timeout), keeping its receive count. */
export interface RetryScheduler {
  /** The first retry's delay; each later one doubles it. */
  readonly baseMs: number;
  later(message: { readonly queueArn: string; readonly receiptHandle: string }, delayMs: number): Promise<void>;
}
