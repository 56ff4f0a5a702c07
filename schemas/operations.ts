// Schemas of the operators' routes: queues and their dead letters, metrics, the rollout and its capacity plan.
import * as z from 'zod/mini';
import { isRealDate } from '../functions/shared/dates';
import { ServiceId } from './services';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

export const QueueDepth = schema(() => z
  .strictObject({
    /** The queue's full name in this stage and region. */
    name: z.string(),
    visible: z.int(),
    inFlight: z.int(),
    /** Age of the oldest message, seconds; null when the queue is empty or the figure is not yet known. */
    oldestAgeSeconds: z.nullable(z.number()),
  })
  .register(z.globalRegistry, { id: 'QueueDepth' }));
export const QueueStatus = schema(() => z
  .strictObject({
    /** The queue's id in the routes, e.g. `tasks-dls` or `email-deliveries`. */
    queue: z.string(),
    kind: z.enum(['agency-tasks', 'platform']),
    depth: QueueDepth,
    deadLetters: QueueDepth,
  })
  .register(z.globalRegistry, { id: 'QueueStatus', description: "A queue and its dead-letter queue: what waits, what is in flight, how old the oldest is" }));
export type QueueStatus = z.infer<typeof QueueStatus>;
export const FailureQueueStatus = schema(() => z
  .strictObject({
    /** `<worker>-event-failures` or `<worker>-stream-failures`. */
    queue: z.string(),
    kind: z.enum(['event-failures', 'stream-failures']),
    /** The worker whose failures it holds. */
    worker: z.string(),
    deadLetters: QueueDepth,
    /** These are not redriven by the route: what an operator does instead (README, "Operating Khidma"). */
    remedy: z.string(),
  })
  .register(z.globalRegistry, {
    id: 'FailureQueueStatus',
    description: "A worker's failure queue: the events its rule gave up on after EventBridge's retries, or the stream batches its consumer gave up on",
  }));
export type FailureQueueStatus = z.infer<typeof FailureQueueStatus>;
export const QueueList = schema(() => z.strictObject({ items: z.array(QueueStatus), failures: z.array(FailureQueueStatus) }).register(z.globalRegistry, { id: 'QueueList' }));
export const ListQueuesQuery = schema(() => z.strictObject({}));
export const QueueParams = schema(() => z.strictObject({ queue: z.string().check(z.regex(/^[a-z0-9-]{1,60}$/, 'must be a queue id such as tasks-dls')) }));
export const RedriveBody = schema(() => z
  .strictObject({
    /** Why: what was fixed. Kept in the audit trail. */
    reason: z.string().check(z.minLength(3), z.maxLength(500)),
  })
  .register(z.globalRegistry, { id: 'RedriveRequest' }));
export const RedriveResult = schema(() => z
  .strictObject({
    queue: z.string(),
    from: z.string(),
    to: z.string(),
    /** Messages moved back (in AWS: started moving; SQS finishes the move task asynchronously). */
    moved: z.int(),
    at: z.string(),
  })
  .register(z.globalRegistry, { id: 'RedriveResult' }));

// --- Rollout and capacity plan ---

const IsoDate = schema(() => z.string().check(z.refine(isRealDate, 'must be a real date YYYY-MM-DD')));
const Phase = schema(() => z.coerce.number().check(z.int(), z.minimum(1), z.maximum(6)));
const Version = schema(() => z.int().check(z.minimum(1)));
const QuotaId = schema(() => z.enum(['apiRequestsPerSecond', 'lambdaConcurrency', 'startExecutionsPerSecond', 'stateTransitionsPerSecond', 'sqsInFlightPerQueue']));

export const PhaseCapacity = schema(() => z
  .strictObject({
    phase: z.int(),
    services: z.int(),
    submissionsPerSecond: z.number(),
    apiRequestsPerSecond: z.number(),
    lambdaConcurrency: z.number(),
    startExecutionsPerSecond: z.number(),
    stateTransitionsPerSecond: z.number(),
    writeUnitsPerSecond: z.number(),
    readUnitsPerSecond: z.number(),
    agencyMessagesPerSecond: z.record(z.string(), z.number()),
    quotas: z.array(z.strictObject({ quota: QuotaId, limit: z.number(), use: z.number(), percent: z.number() })),
    exceeds: z.nullable(QuotaId),
  })
  .register(z.globalRegistry, { id: 'PhaseCapacity', description: "A phase's peak load once open (its services and every earlier phase's) and the quotas it uses" }));

export const RolloutView = schema(() => z
  .strictObject({
    version: z.int(),
    updatedAt: z.optional(z.string()),
    updatedBy: z.optional(z.string()),
    today: IsoDate,
    phases: z.array(
      z.strictObject({
        phase: z.int(),
        opensOn: z.nullable(IsoDate),
        open: z.boolean(),
        ready: z.boolean(),
        services: z.array(
          z.strictObject({
            serviceId: z.string(),
            name: z.strictObject({ ar: z.string(), en: z.string() }),
            version: z.int(),
            lifecycleStage: z.string(),
            launched: z.boolean(),
            annualTransactions: z.int(),
            unroutedAgencies: z.array(z.string()),
          }),
        ),
        notLaunched: z.array(z.string()),
        missingRoutes: z.array(z.strictObject({ serviceId: z.string(), agencyIds: z.array(z.string()) })),
        capacity: PhaseCapacity,
      }),
    ),
    capacity: z.strictObject({
      assumptions: z.record(z.string(), z.number()),
      quotas: z.record(z.string(), z.number()),
      firstExceeded: z.nullable(z.strictObject({ phase: z.int(), quota: QuotaId })),
    }),
  })
  .register(z.globalRegistry, { id: 'Rollout', description: 'The six rollout phases: open dates, services and readiness, capacity plan' }));
export type RolloutView = z.infer<typeof RolloutView>;

export const RolloutQuery = schema(() => z.strictObject({}));
export const PhaseParams = schema(() => z.strictObject({ phase: Phase }));
export const SetPhaseDateBody = schema(() => z.strictObject({ opensOn: IsoDate, expectedVersion: Version }).register(z.globalRegistry, { id: 'SetPhaseDateRequest' }));
export const RolloutSchedule = schema(() => z
  .strictObject({ version: z.int(), phases: z.record(z.string(), IsoDate), updatedAt: z.optional(z.string()), updatedBy: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'RolloutSchedule' }));
export const RolloutServiceParams = schema(() => z.strictObject({ serviceId: ServiceId }));
export const MoveServiceBody = schema(() => z
  .strictObject({ phase: z.int().check(z.minimum(1), z.maximum(6)), expectedVersion: Version })
  .register(z.globalRegistry, { id: 'MoveServiceRequest', description: "expectedVersion is the service card's current version" }));
export const MovedService = schema(() => z
  .strictObject({ serviceId: z.string(), from: z.int(), to: z.int(), version: z.int() })
  .register(z.globalRegistry, { id: 'MovedService' }));

// --- Metrics ---

export const MetricsQuery = schema(() => z.strictObject({}));
export const TodaysMetrics = schema(() => z
  .strictObject({
    date: IsoDate,
    /** Each business metric's count today, all dimensions together. */
    totals: z.record(z.string(), z.number()),
    /** Counts per dimension values (by service and channel, by agency...). */
    counts: z.array(z.strictObject({ metric: z.string(), dimensions: z.record(z.string(), z.string()), count: z.number() })),
  })
  .register(z.globalRegistry, { id: 'TodaysMetrics', description: "Today's business counts (Amman date)" }));
