// Background functions: what triggers each, what it may touch. CDK builds their functions, event sources and
// grants from this list; the local cloud binds the same handlers to its queue, stream poller, timers and engine.
import type { DeliveryChannel } from '../../schemas/engagement';
import { auditWorkers } from './audit-workers';
import { journeyWorkers } from './journey-workers';
import { kpiWorkers } from './kpi-workers';
import { openDataWorkers } from './open-data-workers';

export * from './worker-types';
import type { DomainEventType, PlatformQueue, Worker } from './worker-types';

// --- Notifications, feedback and complaints: event consumers, delivery queues, schedules ---

// One delivery queue and one delivery worker per channel, not one for both: SES and SNS throttle and fail
// independently, so an email outage or throttling (its retries filling the queue and the worker's concurrency)
// cannot stall the SMS, nor the other way round; each channel's concurrency (and so its send rate) can be set
// on its own; and each worker bundles, initialises and is granted only its own provider (SES or SNS).
// Each email or SMS waits on its channel's queue to be sent; failed ones come back with exponential backoff,
// then go to that queue's DLQ (and their delivery log shows them dead-lettered to operators).
export const emailDeliveryQueue = {
  name: 'email-deliveries',
  visibilitySeconds: 60,
  maxReceives: 5,
} as const satisfies PlatformQueue;

export const smsDeliveryQueue = {
  name: 'sms-deliveries',
  visibilitySeconds: 60,
  maxReceives: 5,
} as const satisfies PlatformQueue;

/** The queue each channel's deliveries go to. */
export const deliveryQueues = { email: emailDeliveryQueue, sms: smsDeliveryQueue } as const satisfies Record<DeliveryChannel, PlatformQueue>;

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
  'DocumentRevoked',
  'PaymentReceived',
  'PaymentRefunded',
  'SlaBreached',
] as const satisfies readonly DomainEventType[];

export const engagementQueues: readonly PlatformQueue[] = [emailDeliveryQueue, smsDeliveryQueue];

/** One channel's delivery worker: its own queue, its own provider, its own grant. */
function deliveryWorker(channel: 'email' | 'sms', provider: string, queue: string): Worker {
  const label = channel === 'email' ? 'email' : 'SMS';
  return {
    id: `deliver-${channel}`,
    entry: `functions/notifications/deliver-${channel}.ts`,
    description: `Sends each ${label} (${provider}), logs the outcome, retries with backoff, dead-letters after the last attempt`,
    trigger: { kind: 'queue', queue, batchSize: 10 },
    tables: { engagement: 'readwrite' },
    messaging: [channel],
    timeoutSeconds: 30,
    home: 'notifications',
  };
}

export const engagementWorkers: readonly Worker[] = [
  {
    id: 'notify-application-events',
    entry: 'functions/notifications/notify-application-events.ts',
    description: "Notifies applicants of their applications' progress and agencies of new and overdue tasks (inbox, email, SMS)",
    trigger: { kind: 'events', detailTypes: notifiedApplicationEvents },
    tables: { engagement: 'readwrite', applications: 'read', registry: 'read', catalogue: 'read' },
    sendsTo: [emailDeliveryQueue.name, smsDeliveryQueue.name],
  },
  {
    id: 'notify-complaint-events',
    entry: 'functions/notifications/notify-complaint-events.ts',
    description: 'Notifies complainants, agencies and the e-Government Unit of complaints filed, answered and escalated',
    trigger: { kind: 'stream', table: 'engagement', batchSize: 25 },
    tables: { engagement: 'readwrite', registry: 'read', catalogue: 'read' },
    sendsTo: [emailDeliveryQueue.name, smsDeliveryQueue.name],
  },
  deliveryWorker('email', 'SES', emailDeliveryQueue.name),
  deliveryWorker('sms', 'SNS', smsDeliveryQueue.name),
  {
    id: 'release-quiet-hours-sms',
    entry: 'functions/notifications/release-deferred.ts',
    description: "Queues the SMS held for their recipients' quiet hours once those are over",
    trigger: { kind: 'schedule', everyMinutes: 15 },
    tables: { engagement: 'readwrite' },
    // Only SMS are ever held (domain/notify.ts): email is sent at once, whatever the hour.
    sendsTo: [smsDeliveryQueue.name],
    home: 'notifications',
  },
  {
    id: 'complaint-sla-sweep',
    entry: 'functions/complaints/sla-sweep.ts',
    description: "Escalates complaints past their category's SLA to the e-Government Unit, once each",
    trigger: { kind: 'schedule', everyMinutes: 15 },
    tables: { engagement: 'readwrite' },
    timeoutSeconds: 60,
    home: 'notifications',
  },
];

export const workers: readonly Worker[] = [
  {
    id: 'agency-task-consumer',
    entry: 'functions/applications/agency-task-consumer.ts',
    description: "Opens each agency step's task in the agency's inbox",
    trigger: { kind: 'agency-queues', batchSize: 10 },
    tables: { applications: 'readwrite', catalogue: 'read' },
    workflow: ['sendTaskResult'],
  },
  {
    id: 'publish-outbox',
    entry: 'functions/events/publish-outbox.ts',
    description: 'Publishes the domain events written with each application change to the event bus',
    trigger: { kind: 'stream', table: 'applications', batchSize: 100 },
    tables: {},
    publishesEvents: true,
  },
  {
    id: 'mirror-identities',
    entry: 'functions/registry/mirror-identities.ts',
    description: "Copies every account and its identity link to the other region's user pool, so sign-in survives a region's loss",
    trigger: { kind: 'stream', table: 'registry', batchSize: 25, filter: { events: ['INSERT', 'MODIFY'], pkPrefix: 'IDENTITY#' } },
    tables: { registry: 'readwrite' },
    userPools: { own: ['AdminGetUser'], standby: ['AdminGetUser', 'AdminCreateUser', 'AdminSetUserPassword', 'AdminAddUserToGroup'] },
  },
  {
    id: 'fold-catalogue-listing',
    entry: 'functions/services/fold-listing.ts',
    description: "Folds the service cards saved since its last pass into the catalogue listing's snapshot, so a cold listing is one read",
    trigger: { kind: 'schedule', everyMinutes: 5 },
    tables: { catalogue: 'readwrite' },
    home: 'catalogue-listing',
    // A few seconds a pass; the first after a bulk load of thousands of cards reads the whole index and deletes each delta.
    timeoutSeconds: 300,
  },
  {
    id: 'sla-sweep',
    entry: 'functions/applications/sla-sweep.ts',
    description: 'Flags open tasks past their SLA as overdue and raises one escalation each; finishes decisions the workflow was not told',
    trigger: { kind: 'schedule', everyMinutes: 15 },
    tables: { applications: 'readwrite', catalogue: 'read' },
    workflow: ['sendTaskResult'],
    timeoutSeconds: 60,
  },
  {
    id: 'reconcile-applications',
    entry: 'functions/applications/reconcile.ts',
    description: 'Resumes the workflow of applications left in a non-terminal state (after a crash or a failover)',
    trigger: { kind: 'schedule', everyMinutes: 60 },
    tables: { applications: 'read' },
    workflow: ['start'],
    timeoutSeconds: 300,
  },
  {
    id: 'close-tasks',
    entry: 'functions/applications/close-tasks.ts',
    description: "Takes a rejected or cancelled application's remaining tasks out of the agencies' inboxes",
    trigger: { kind: 'events', detailTypes: ['ApplicationRejected', 'ApplicationCancelled'] },
    tables: { applications: 'readwrite' },
  },
  {
    id: 'advance-bundles',
    entry: 'functions/applications/advance-bundles.ts',
    description: 'Starts the next members of a life-event bundle when a member is approved, or blocks them when it is not',
    trigger: { kind: 'events', detailTypes: ['ApplicationApproved', 'ApplicationRejected', 'ApplicationCancelled'] },
    tables: { applications: 'readwrite', idempotency: 'readwrite', catalogue: 'read', registry: 'readwrite', audit: 'append' },
    workflow: ['start'],
    timeoutSeconds: 30,
  },
  {
    id: 'end-application-consents',
    entry: 'functions/applications/end-consents.ts',
    description: "Ends the consents an application created for its agencies: at once when it is rejected or cancelled, 30 days after an approval",
    trigger: { kind: 'events', detailTypes: ['ApplicationApproved', 'ApplicationRejected', 'ApplicationCancelled'] },
    tables: { applications: 'read', registry: 'readwrite', audit: 'append' },
  },
  ...engagementWorkers,
  ...journeyWorkers,
  ...kpiWorkers,
  ...openDataWorkers,
  ...auditWorkers,
];

export const platformQueues: readonly PlatformQueue[] = [...engagementQueues];
