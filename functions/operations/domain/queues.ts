// Operators' view of the message queues: every agency task queue and platform queue with its dead-letter queue
// (depth and oldest age), and the redrive of a dead-letter queue back to its queue, audited. No AWS types.
import type { FailureQueueStatus, QueueStatus } from '../../../schemas/operations';
import type { AuditEntry } from '../../registry/domain/audit-chain';
import type { MessageQueues } from '../../shared/queue';
import { Conflict, NotFound } from '../../shared/errors';

export interface QueueAges {
  /** Age of the oldest message, seconds; undefined when empty or not known. */
  oldestAgeSeconds(queueName: string): Promise<number | undefined>;
}

export interface KnownQueue {
  /** The id in the routes: `tasks-<agencyId>` or the platform queue's name. */
  readonly queue: string;
  readonly kind: QueueStatus['kind'];
  readonly name: string;
  readonly deadLetterQueue: string;
}

/** What listing the queues needs: their depths and the age of their oldest messages. */
export interface QueueListDeps {
  readonly queues: Pick<MessageQueues, 'depth'>;
  readonly ages: QueueAges;
}

/** What a redrive needs: the move itself and the audit trail. */
export interface QueueRedriveDeps {
  readonly queues: Pick<MessageQueues, 'redrive'>;
  readonly audit: { append(entry: AuditEntry): Promise<unknown> };
  readonly now: () => Date;
}

/** Every queue of the stage, from the same names CDK and the local cloud give them. */
export function knownQueues(stage: string, agencyIds: readonly string[], platformQueues: readonly string[], nameOf: { agency(stage: string, agencyId: string): string; platform(stage: string, name: string): string }): KnownQueue[] {
  return [
    ...agencyIds.map((agencyId): KnownQueue => {
      const name = nameOf.agency(stage, agencyId);
      return { queue: `tasks-${agencyId}`, kind: 'agency-tasks', name, deadLetterQueue: `${name}-dlq` };
    }),
    ...platformQueues.map((queue): KnownQueue => {
      const name = nameOf.platform(stage, queue);
      return { queue, kind: 'platform', name, deadLetterQueue: `${name}-dlq` };
    }),
  ];
}

/** A worker's failure queue (event rule DLQ or stream on-failure queue): listed, not redriven by the route. */
export interface KnownFailureQueue {
  readonly queue: string;
  readonly kind: FailureQueueStatus['kind'];
  readonly worker: string;
  readonly name: string;
}

/** Every worker failure queue of the stage, named as CDK and the local cloud name them. */
export function knownFailureQueues(workers: readonly { id: string; source: 'event' | 'stream' }[], nameOf: (workerId: string, source: 'event' | 'stream') => string): KnownFailureQueue[] {
  return workers.map(({ id, source }) => ({ queue: `${id}-${source}-failures`, kind: `${source}-failures`, worker: id, name: nameOf(id, source) }));
}

const remedies: Record<FailureQueueStatus['kind'], string> = {
  'event-failures':
    "Each message's body is the EventBridge event the worker failed on after EventBridge's retries. Fix the cause, then invoke the worker with each body (aws lambda invoke --invocation-type Event --payload file://event.json; the workers are idempotent per event id) and delete the message.",
  'stream-failures':
    "Each message names the stream batch (shard, first and last sequence numbers) the consumer gave up on after 20 retries. Fix the cause, then read those records from the table's stream while it keeps them (24 hours; aws dynamodbstreams get-records) and invoke the worker with them.",
};

/** The stage's queues: those with a DLQ the route redrives, and the workers' failure queues. */
export interface StageQueues {
  readonly queues: readonly KnownQueue[];
  readonly failures: readonly KnownFailureQueue[];
}

export async function listQueues(deps: QueueListDeps, { queues: known, failures }: StageQueues): Promise<{ items: QueueStatus[]; failures: FailureQueueStatus[] }> {
  const depthOf = async (name: string) => {
    const [{ visible, inFlight }, age] = await Promise.all([deps.queues.depth(name), deps.ages.oldestAgeSeconds(name)]);
    return { name, visible, inFlight, oldestAgeSeconds: age ?? null };
  };
  const [items, failed] = await Promise.all([
    Promise.all(
      known.map(async ({ queue, kind, name, deadLetterQueue }) => {
        const [depth, deadLetters] = await Promise.all([depthOf(name), depthOf(deadLetterQueue)]);
        return { queue, kind, depth, deadLetters };
      }),
    ),
    Promise.all(failures.map(async ({ queue, kind, worker, name }) => ({ queue, kind, worker, deadLetters: await depthOf(name), remedy: remedies[kind] }))),
  ]);
  return { items, failures: failed };
}

/**
 * POST /v1/operations/queues/{queue}/redrive: 1. find the queue, 2. move its dead letters back (each to the
 * queue it came from), 3. audit who did it, why and how many.
 */
export async function redriveQueue(
  deps: QueueRedriveDeps,
  { queues: known, failures }: StageQueues,
  queueId: string,
  reason: string,
  actor: { username: string; role: string },
): Promise<{ queue: string; from: string; to: string; moved: number; at: string }> {
  const found = known.find((entry) => entry.queue === queueId);
  const failureQueue = failures.find((entry) => entry.queue === queueId);
  if (failureQueue) {
    throw new Conflict('queue_not_redrivable', `${queueId} holds ${failureQueue.kind === 'event-failures' ? 'events' : 'stream batches'} no queue can take back: ${remedies[failureQueue.kind]}`, {
      queue: queueId,
      kind: failureQueue.kind,
    });
  }
  if (!found) {
    throw new NotFound('queue_not_found', `No queue ${queueId}; GET /v1/operations/queues lists them`, { queues: known.map((entry) => entry.queue) });
  }
  const { moved } = await deps.queues.redrive(found.deadLetterQueue);
  const at = deps.now().toISOString();
  await deps.audit.append({
    subject: `queue:${found.queue}`,
    action: 'queue.redrive',
    at,
    actor: { id: actor.username, role: actor.role },
    fields: [found.deadLetterQueue],
    purpose: `${moved} message(s) redriven: ${reason}`,
  });
  return { queue: found.queue, from: found.deadLetterQueue, to: found.name, moved, at };
}
