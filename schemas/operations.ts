// Schemas of the operators' routes: queues and their dead letters, metrics, the rollout and its capacity plan.
import * as z from 'zod/mini';

export const QueueDepth = z
  .strictObject({
    /** The queue's full name in this stage and region. */
    name: z.string(),
    visible: z.int(),
    inFlight: z.int(),
    /** Age of the oldest message, seconds; null when the queue is empty or the figure is not yet known. */
    oldestAgeSeconds: z.nullable(z.number()),
  })
  .register(z.globalRegistry, { id: 'QueueDepth' });
export const QueueStatus = z
  .strictObject({
    /** The queue's id in the routes, e.g. `tasks-dls` or `email-deliveries`. */
    queue: z.string(),
    kind: z.enum(['agency-tasks', 'platform']),
    depth: QueueDepth,
    deadLetters: QueueDepth,
  })
  .register(z.globalRegistry, { id: 'QueueStatus', description: "A queue and its dead-letter queue: what waits, what is in flight, how old the oldest is" });
export type QueueStatus = z.infer<typeof QueueStatus>;
export const QueueList = z.strictObject({ items: z.array(QueueStatus) }).register(z.globalRegistry, { id: 'QueueList' });
export const ListQueuesQuery = z.strictObject({});
export const QueueParams = z.strictObject({ queue: z.string().check(z.regex(/^[a-z0-9-]{1,60}$/, 'must be a queue id such as tasks-dls')) });
export const RedriveBody = z
  .strictObject({
    /** Why: what was fixed. Kept in the audit trail. */
    reason: z.string().check(z.minLength(3), z.maxLength(500)),
  })
  .register(z.globalRegistry, { id: 'RedriveRequest' });
export const RedriveResult = z
  .strictObject({
    queue: z.string(),
    from: z.string(),
    to: z.string(),
    /** Messages moved back (in AWS: started moving; SQS finishes the move task asynchronously). */
    moved: z.int(),
    at: z.string(),
  })
  .register(z.globalRegistry, { id: 'RedriveResult' });
