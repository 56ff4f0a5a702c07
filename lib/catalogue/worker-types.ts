// The shapes of background functions and platform queues (lib/catalogue/workers.ts lists them).
import type { TableAccess, UploadAccess, UserPoolAction, WorkflowAction } from './types';
import type { TableId } from '../platform/tables';
import type { DomainEvent } from '../../schemas/applications';

export type DomainEventType = DomainEvent['type'];

export type WorkerTrigger =
  /** Every agency's task queue (SQS event source, partial batch failures). */
  | { readonly kind: 'agency-queues'; readonly batchSize: number }
  /** The table's stream (new items), in order per item. @default filter - new outbox items (sk EVT#...) */
  | { readonly kind: 'stream'; readonly table: TableId; readonly batchSize: number; readonly filter?: StreamFilter }
  /** A timer: every `everyMinutes`, or once a day at a UTC time (`atUtc`, everyMinutes 1440). */
  | { readonly kind: 'schedule'; readonly everyMinutes: number; readonly atUtc?: { readonly hour: number; readonly minute: number } }
  /** A task state of the application state machine. */
  /** One of the platform queues below (SQS with a DLQ in AWS, the local queue with SQS semantics here). */
  | { readonly kind: 'queue'; readonly queue: string; readonly batchSize: number }
  /** Domain events of these types from the platform's event bus (EventBridge rule in AWS, the in-process bus locally). */
  | { readonly kind: 'events'; readonly detailTypes: readonly DomainEventType[] }
  /** Events an AWS service puts on the account's default bus (an EventBridge rule in AWS; the local cloud's stand-in delivers them). */
  | { readonly kind: 'aws-events'; readonly source: string; readonly detailTypes: readonly string[] };

/** Which stream records reach the worker (a Lambda event filter in AWS, the same test in the local poller). */
export interface StreamFilter {
  readonly events: readonly ('INSERT' | 'MODIFY')[];
  readonly pkPrefix?: string;
  readonly skPrefix?: string;
}

export const outboxStreamFilter: StreamFilter = { events: ['INSERT'], skPrefix: 'EVT#' };

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
  /** Cognito admin actions on this region's user pool and on the other region's (the identity mirror). */
  readonly userPools?: { readonly own: readonly UserPoolAction[]; readonly standby: readonly UserPoolAction[] };
  /** The document issuer's KMS key (see Capability.documentSigning). */
  readonly documentSigning?: 'publicKey' | 'sign';
  /** The open-data bucket (publish: read and write its files) or its CloudFront logs (count-downloads: read and remove). */
  readonly openData?: 'publish' | 'count-downloads';
  /** The upload bucket (see Capability.uploads). */
  readonly uploads?: readonly UploadAccess[];
  /** The bill-presentment provider (see Capability.paymentProvider). */
  readonly paymentProvider?: 'call' | 'verify';
  /** The audit checkpoints' bucket (see Capability.auditCheckpoints). */
  readonly auditCheckpoints?: 'read' | 'write';
  /**
   * Built in a nested stack of its own rather than the workers' (each stack stays within 250 resources): the audit
   * checkpoints' stack, beside their bucket, the catalogue listing's (its fold), reporting's (the open data's
   * export and download counter) or the notifications' (the delivery workers, the quiet hours' release, the
   * complaints' escalation). Its triggers (schedule and event rules, event source mappings, failure queue) are
   * built in its home too, so a home depends on the workers' stack (the bus, the queues, the workflow) and never the
   * other way round (the failover finds schedules by their description, wherever they are). A named resource (a
   * failure queue is named) may not move between stacks once deployed: CloudFormation would create the new one
   * before deleting the old, under the same name (`test/cdk/named-resources.test.ts` pins where each one is).
   */
  readonly home?: 'audit-checkpoints' | 'catalogue-listing' | 'reporting' | 'notifications';
}

/** Queues of the platform besides the agency task queues; each gets a DLQ after `maxReceives`. */
export interface PlatformQueue {
  readonly name: string;
  readonly visibilitySeconds: number;
  readonly maxReceives: number;
}

export const platformQueueName = (stage: string, name: string) => `khidma-${stage}-${name}`;

/** What a failure queue holds: events a rule's target gave up on, or stream batches a consumer gave up on. */
export type FailureSource = 'event' | 'stream';

/** The queue a worker's failures land in: its event rule's dead-letter queue, or its stream's on-failure queue. */
export const failureQueueName = (stage: string, workerId: string, source: FailureSource) => platformQueueName(stage, `${workerId}-${source}-failures`);

/** The failure source of a worker, if its trigger has one (event rules and streams). */
export const failureSourceOf = (worker: Worker): FailureSource | undefined =>
  worker.trigger.kind === 'events' || worker.trigger.kind === 'aws-events' ? 'event' : worker.trigger.kind === 'stream' ? 'stream' : undefined;
