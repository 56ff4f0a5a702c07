// Workers and queues of notifications, feedback and complaints: event consumers, delivery queues, schedules.
import type { DomainEventType, PlatformQueue, Worker } from './workers';

/** Every email and SMS waits here to be sent; failed ones come back with exponential backoff, then go to its DLQ. */
export const notificationDeliveryQueue = {
  name: 'notification-deliveries',
  visibilitySeconds: 60,
  maxReceives: 5,
} as const satisfies PlatformQueue;

/** The application events citizens and officers hear of. A saved draft is not one: it is the citizen's own action on screen. */
export const notifiedApplicationEvents = [
  'ApplicationSubmitted',
  'TaskAssigned',
  'TaskDecided',
  'InformationRequested',
  'InformationProvided',
  'ApplicationApproved',
  'ApplicationRejected',
  'ApplicationCancelled',
  'SlaBreached',
] as const satisfies readonly DomainEventType[];

export const engagementQueues: readonly PlatformQueue[] = [notificationDeliveryQueue];

export const engagementWorkers: readonly Worker[] = [
  {
    id: 'notify-application-events',
    entry: 'functions/notifications/notify-application-events.ts',
    description: "Notifies applicants of their applications' progress and agencies of new and overdue tasks (inbox, email, SMS)",
    trigger: { kind: 'events', detailTypes: notifiedApplicationEvents },
    tables: { engagement: 'readwrite', applications: 'read', registry: 'read', catalogue: 'read' },
    sendsTo: [notificationDeliveryQueue.name],
  },
  {
    id: 'notify-complaint-events',
    entry: 'functions/notifications/notify-complaint-events.ts',
    description: 'Notifies complainants, agencies and the e-Government Unit of complaints filed, answered and escalated',
    trigger: { kind: 'stream', table: 'engagement', batchSize: 25 },
    tables: { engagement: 'readwrite', registry: 'read', catalogue: 'read' },
    sendsTo: [notificationDeliveryQueue.name],
  },
  {
    id: 'deliver-notifications',
    entry: 'functions/notifications/deliver-notifications.ts',
    description: 'Sends each email (SES) and SMS (SNS), logs the outcome, retries with backoff, dead-letters after the last attempt',
    trigger: { kind: 'queue', queue: notificationDeliveryQueue.name, batchSize: 10 },
    tables: { engagement: 'readwrite' },
    messaging: ['email', 'sms'],
    timeoutSeconds: 30,
  },
  {
    id: 'release-quiet-hours-sms',
    entry: 'functions/notifications/release-deferred.ts',
    description: "Queues the SMS held for their recipients' quiet hours once those are over",
    trigger: { kind: 'schedule', everyMinutes: 15 },
    tables: { engagement: 'readwrite' },
    sendsTo: [notificationDeliveryQueue.name],
  },
  {
    id: 'complaint-sla-sweep',
    entry: 'functions/complaints/sla-sweep.ts',
    description: "Escalates complaints past their category's SLA to the e-Government Unit, once each",
    trigger: { kind: 'schedule', everyMinutes: 15 },
    tables: { engagement: 'readwrite' },
    timeoutSeconds: 60,
  },
];
