// Background functions: what triggers each, what it may touch. CDK builds their functions, event sources and
// grants from this list; the local cloud binds the same handlers to its queue, stream poller, timers and engine.
import type { TableAccess, WorkflowAction } from './types';
import type { TableId } from '../platform/tables';
import type { DomainEvent } from '../../schemas/applications';
import { engagementQueues, engagementWorkers } from './engagement-workers';
import { journeyWorkers } from './journey';

export type DomainEventType = DomainEvent['type'];

export type WorkerTrigger =
  /** Every agency's task queue (SQS event source, partial batch failures). */
  | { readonly kind: 'agency-queues'; readonly batchSize: number }
  /** The table's stream (new items), in order per item. */
  | { readonly kind: 'stream'; readonly table: TableId; readonly batchSize: number }
  /** A timer. */
  | { readonly kind: 'schedule'; readonly everyMinutes: number }
  /** A task state of the application state machine. */
  /** One of the platform queues below (SQS with a DLQ in AWS, the local queue with SQS semantics here). */
  | { readonly kind: 'queue'; readonly queue: string; readonly batchSize: number }
  /** Domain events of these types from the platform's event bus (EventBridge rule in AWS, the in-process bus locally). */
  | { readonly kind: 'events'; readonly detailTypes: readonly DomainEventType[] };

export interface Worker {
  readonly id: string;
  readonly entry: string;
  readonly description: string;
  readonly trigger: WorkerTrigger;
  readonly tables: Partial<Record<TableId, TableAccess>>;
  readonly workflow?: readonly WorkflowAction[];
  /** Puts events on the platform's event bus. */
  readonly publishesEvents?: boolean;
  readonly timeoutSeconds?: number;
  /** Sends email (SES) or SMS (SNS) to citizens. */
  readonly messaging?: readonly ('email' | 'sms')[];
  /** Sends to these platform queues (by name: `platformQueueName(stage, name)`). */
  readonly sendsTo?: readonly string[];
  /** The document issuer's KMS key (see Capability.documentSigning). */
  readonly documentSigning?: 'publicKey' | 'sign';
}

/** Queues of the platform besides the agency task queues; each gets a DLQ after `maxReceives`. */
export interface PlatformQueue {
  readonly name: string;
  readonly visibilitySeconds: number;
  readonly maxReceives: number;
}

export const platformQueueName = (stage: string, name: string) => `khidma-${stage}-${name}`;

export const workers: readonly Worker[] = [
  {
    id: 'agency-task-consumer',
    entry: 'functions/workflow/agency-task-consumer.ts',
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
    id: 'sla-sweep',
    entry: 'functions/workflow/sla-sweep.ts',
    description: 'Flags open tasks past their SLA as overdue and raises one escalation each; finishes decisions the workflow was not told',
    trigger: { kind: 'schedule', everyMinutes: 15 },
    tables: { applications: 'readwrite', catalogue: 'read' },
    workflow: ['sendTaskResult'],
    timeoutSeconds: 60,
  },
  {
    id: 'reconcile-applications',
    entry: 'functions/workflow/reconcile.ts',
    description: 'Resumes the workflow of applications left in a non-terminal state (after a crash or a failover)',
    trigger: { kind: 'schedule', everyMinutes: 60 },
    tables: { applications: 'read' },
    workflow: ['start'],
    timeoutSeconds: 300,
  },
  {
    id: 'close-tasks',
    entry: 'functions/workflow/close-tasks.ts',
    description: "Takes a rejected or cancelled application's remaining tasks out of the agencies' inboxes",
    trigger: { kind: 'events', detailTypes: ['ApplicationRejected', 'ApplicationCancelled'] },
    tables: { applications: 'readwrite' },
  },
  {
    id: 'advance-bundles',
    entry: 'functions/workflow/advance-bundles.ts',
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
];

export const platformQueues: readonly PlatformQueue[] = [...engagementQueues];
