// Citizen engagement: notifications (in-app inbox, preferences, delivery log), "rate your experience" and complaints.
import * as z from 'zod/mini';
import { Cursor, freeText, PageLimit } from './common';
import { ApplicationId } from './applications';
import { AgencyId } from './services';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

const Ulid = (what: string) => z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `must be a ${what} id`));

// --- Notifications ---

export const languages = ['ar', 'en'] as const;
export type Language = (typeof languages)[number];

/** What a citizen can tune; staff notifications (agency work, escalations) are in-app only. */
export const citizenCategories = ['application-status', 'application-progress', 'action-required', 'complaints'] as const;
export type CitizenCategory = (typeof citizenCategories)[number];
export const notificationCategories = [...citizenCategories, 'agency-work'] as const;
export type NotificationCategory = (typeof notificationCategories)[number];

export const deliveryChannels = ['email', 'sms'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

const ChannelChoice = schema(() => z.strictObject({ email: z.boolean(), sms: z.boolean() }));
const TimeOfDay = schema(() => z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, 24-hour, Amman time')));
export const QuietHours = schema(() => z
  .strictObject({ from: TimeOfDay, to: TimeOfDay })
  .check(z.refine((hours) => hours.from !== hours.to, 'from and to must differ'))
  .register(z.globalRegistry, { id: 'QuietHours', description: 'No SMS between these times (Amman), except urgent ones; they are sent when quiet hours end' }));
export type QuietHours = z.infer<typeof QuietHours>;

const byCategory = <S extends z.ZodMiniType>(choice: S) =>
  ({ 'application-status': choice, 'application-progress': choice, 'action-required': choice, complaints: choice }) satisfies Record<CitizenCategory, S>;

export const NotificationPreferences = schema(() => z
  .strictObject({
    language: z.enum(languages),
    channels: z.strictObject(byCategory(ChannelChoice)),
    quietHours: z.nullable(QuietHours),
    updatedAt: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'NotificationPreferences', description: 'Language, email and SMS per category, SMS quiet hours; the in-app inbox gets everything' }));
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const PutNotificationPreferencesBody = schema(() => z
  .strictObject({
    language: z.enum(languages),
    channels: z.optional(z.strictObject(byCategory(z.optional(ChannelChoice)))),
    quietHours: z.optional(z.nullable(QuietHours)),
  })
  .register(z.globalRegistry, {
    id: 'PutNotificationPreferencesBody',
    description: 'Replaces your preferences: categories left out get their defaults, quietHours left out is 22:00–07:00, null turns quiet hours off',
  }));

export const Notification = schema(() => z
  .strictObject({
    notificationId: z.string(),
    type: z.string(),
    category: z.enum(notificationCategories),
    urgent: z.boolean(),
    language: z.enum(languages),
    title: z.string(),
    body: z.string(),
    applicationId: z.optional(z.string()),
    complaintId: z.optional(z.string()),
    createdAt: z.string(),
    read: z.boolean(),
    readAt: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'Notification' }));
export type Notification = z.infer<typeof Notification>;
export const NotificationPage = schema(() => z
  .strictObject({ items: z.array(Notification), nextCursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'NotificationPage' }));
export const NotificationsQuery = schema(() => z.strictObject({
  /** Render in this language instead of your preferred one. */
  lang: z.optional(z.enum(languages)),
  cursor: z.optional(Cursor),
  limit: z.optional(PageLimit),
}));
export const NotificationIdParams = schema(() => z.strictObject({ notificationId: Ulid('notification') }));

export const deliveryStatuses = ['queued', 'deferred', 'sending', 'retrying', 'sent', 'dead-lettered'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
/** The statuses operators list: waiting for quiet hours to end, failing and being retried, given up on. */
export const watchedDeliveryStatuses = ['dead-lettered', 'retrying', 'deferred'] as const;

const DeliveryStep = schema(() => z.strictObject({
  at: z.string(),
  status: z.enum(deliveryStatuses),
  attempt: z.optional(z.int()),
  reason: z.optional(z.string()),
  messageId: z.optional(z.string()),
}));
export const DeliveryLogEntry = schema(() => z
  .strictObject({
    notificationId: z.string(),
    channel: z.enum(deliveryChannels),
    status: z.enum(deliveryStatuses),
    /** Masked: operators see which kind of address failed, not whose. */
    to: z.string(),
    eventType: z.string(),
    urgent: z.boolean(),
    applicationId: z.optional(z.string()),
    complaintId: z.optional(z.string()),
    attempts: z.int(),
    reason: z.optional(z.string()),
    sendAfter: z.optional(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
    history: z.array(DeliveryStep),
  })
  .register(z.globalRegistry, { id: 'DeliveryLogEntry', description: 'One email or SMS of a notification: queued, deferred, sent, retried, dead-lettered' }));
export const DeliveryPage = schema(() => z
  .strictObject({ items: z.array(DeliveryLogEntry), nextCursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'DeliveryPage' }));
export const DeliveriesQuery = schema(() => z.strictObject({
  status: z.optional(z.enum(watchedDeliveryStatuses)),
  cursor: z.optional(Cursor),
  limit: z.optional(PageLimit),
}));

// --- Rate your experience ---

const Rating = schema(() => z.int().check(z.minimum(1), z.maximum(5)));
export const Quarter = schema(() => z.string().check(z.regex(/^\d{4}-Q[1-4]$/, 'must be a quarter, e.g. 2026-Q2')));

export const RatingBody = schema(() => z
  .strictObject({ rating: Rating, comment: z.optional(freeText(1, 1000)) })
  .register(z.globalRegistry, { id: 'RatingBody', description: 'A rating from 1 (very dissatisfied) to 5 (very satisfied), with an optional comment' }));

export const ApplicationFeedback = schema(() => z
  .strictObject({
    applicationId: z.string(),
    serviceId: z.string(),
    agencyId: z.string(),
    rating: z.int(),
    comment: z.optional(z.string()),
    quarter: z.string(),
    createdAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'ApplicationFeedback' }));

const RatingStats = schema(() => ({
  count: z.int(),
  average: z.number(),
  distribution: z.strictObject({ 1: z.int(), 2: z.int(), 3: z.int(), 4: z.int(), 5: z.int() }),
}));
export const FeedbackSummary = schema(() => z
  .strictObject({
    quarters: z.array(
      z.strictObject({
        quarter: z.string(),
        services: z.array(z.strictObject({ serviceId: z.string(), ...RatingStats })),
        agencies: z.array(z.strictObject({ agencyId: z.string(), ...RatingStats })),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'FeedbackSummary', description: 'Satisfaction ratings per quarter (Amman time), per service and per owning agency' }));
export const FeedbackSummaryQuery = schema(() => z.strictObject({ from: z.optional(Quarter), to: z.optional(Quarter) }));

// --- Complaints ---

/** The e-Government Unit: handles complaints routed to no agency and those an agency let pass their SLA. */
export const EGOV_UNIT = 'egov-unit';

export const complaintCategories = ['service-delay', 'service-quality', 'staff-conduct', 'fees-and-payment', 'digital-services', 'other'] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];
export const complaintStatuses = ['received', 'in-progress', 'resolved', 'closed', 'escalated'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

export const ComplaintIdParams = schema(() => z.strictObject({ complaintId: Ulid('complaint') }));

export const FileComplaintBody = schema(() => z
  .strictObject({
    category: z.enum(complaintCategories),
    agencyId: z.optional(AgencyId),
    applicationId: z.optional(ApplicationId),
    text: freeText(10, 4000),
  })
  .register(z.globalRegistry, {
    id: 'FileComplaintBody',
    description: "Routed to agencyId, else to the agency that owns the application's service, else to the e-Government Unit",
  }));

export const ComplaintResponseBody = schema(() => z
  .strictObject({ message: freeText(1, 4000), status: z.enum(['in-progress', 'resolved']) })
  .register(z.globalRegistry, { id: 'ComplaintResponseBody' }));

const Responder = schema(() => z.strictObject({ role: z.string(), agencyId: z.optional(z.string()) }));
export const Complaint = schema(() => z
  .strictObject({
    complaintId: z.string(),
    category: z.enum(complaintCategories),
    text: z.string(),
    status: z.enum(complaintStatuses),
    /** The agency complained about, if any. */
    agencyId: z.optional(z.string()),
    /** Who handles it now: an agency id, or egov-unit. */
    handler: z.string(),
    applicationId: z.optional(z.string()),
    /** Staff only. */
    complainant: z.optional(z.strictObject({ kind: z.enum(['persons', 'residents']), recordId: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
    dueAt: z.string(),
    escalatedAt: z.optional(z.string()),
    resolvedAt: z.optional(z.string()),
    closedAt: z.optional(z.string()),
    responses: z.array(z.strictObject({ at: z.string(), by: Responder, message: z.string(), status: z.enum(complaintStatuses) })),
    resolutionRating: z.optional(z.strictObject({ rating: z.int(), comment: z.optional(z.string()), at: z.string() })),
  })
  .register(z.globalRegistry, { id: 'Complaint' }));
export type Complaint = z.infer<typeof Complaint>;
export const ComplaintPage = schema(() => z
  .strictObject({ items: z.array(Complaint), nextCursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'ComplaintPage' }));

export const ComplaintSummary = schema(() => z.strictObject({
  complaintId: z.string(),
  category: z.enum(complaintCategories),
  status: z.enum(complaintStatuses),
  agencyId: z.optional(z.string()),
  handler: z.string(),
  applicationId: z.optional(z.string()),
  createdAt: z.string(),
  dueAt: z.string(),
  escalatedAt: z.optional(z.string()),
  overdue: z.boolean(),
}));
export const ComplaintQueuePage = schema(() => z
  .strictObject({ items: z.array(ComplaintSummary), nextCursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'ComplaintQueuePage', description: 'Summaries only: reading a complaint itself is audited' }));
export const MyComplaintsQuery = schema(() => z.strictObject({ status: z.optional(z.enum(complaintStatuses)), cursor: z.optional(Cursor), limit: z.optional(PageLimit) }));
export const ComplaintQueueQuery = schema(() => z.strictObject({
  /** Officers: their own agency (the default). Operators: any agency; without it, the e-Government Unit's queue. */
  agencyId: z.optional(AgencyId),
  status: z.optional(z.enum(complaintStatuses)),
  cursor: z.optional(Cursor),
  limit: z.optional(PageLimit),
}));

// --- Complaint events (the engagement table's outbox, consumed by notifications) ---

const complaintEventBase = schema(() => ({
  eventId: z.string(),
  complaintId: z.string(),
  at: z.string(),
  category: z.enum(complaintCategories),
  complainant: z.strictObject({ kind: z.enum(['persons', 'residents']), recordId: z.string() }),
  agencyId: z.optional(z.string()),
  handler: z.string(),
}));
export const ComplaintEvent = schema(() => z.discriminatedUnion('type', [
  z.strictObject({ ...complaintEventBase, type: z.literal('ComplaintFiled'), dueAt: z.string() }),
  z.strictObject({ ...complaintEventBase, type: z.literal('ComplaintAnswered'), status: z.enum(complaintStatuses), message: z.string() }),
  z.strictObject({ ...complaintEventBase, type: z.literal('ComplaintEscalated') }),
]));
export type ComplaintEvent = z.infer<typeof ComplaintEvent>;
