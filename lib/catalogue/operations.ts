// Route contracts of the operators' routes: queues and dead letters, metrics, the rollout and its capacity plan.
import {
  ListQueuesQuery,
  MetricsQuery,
  MovedService,
  MoveServiceBody,
  PhaseParams,
  QueueList,
  QueueParams,
  RedriveBody,
  RedriveResult,
  RolloutQuery,
  RolloutSchedule,
  RolloutServiceParams,
  RolloutView,
  SetPhaseDateBody,
  TodaysMetrics,
} from '../../schemas/operations';
import type { RouteContract } from './types';

const tag = 'Operations';

export const listQueuesRoute = {
  method: 'GET',
  path: '/v1/operations/queues',
  operationId: 'listQueues',
  summary: 'Every agency task queue and platform queue with its dead-letter queue: messages waiting, in flight, and the age of the oldest',
  tag,
  access: ['operator'],
  principal: 'linked',
  query: ListQueuesQuery,
  response: QueueList,
  successStatus: 200,
  
} as const satisfies RouteContract;

export const redriveQueueRoute = {
  method: 'POST',
  path: '/v1/operations/queues/{queue}/redrive',
  operationId: 'redriveQueue',
  summary: "Move a queue's dead letters back to it once their cause is fixed (audited with the reason)",
  tag,
  access: ['operator'],
  principal: 'linked',
  params: QueueParams,
  body: RedriveBody,
  response: RedriveResult,
  successStatus: 202,
  errors: [404],
  errorCodes: ['queue_not_found', 'queue_not_redrivable'],
} as const satisfies RouteContract;

const rolloutTag = 'Rollout';

export const getRolloutRoute = {
  method: 'GET',
  path: '/v1/rollout',
  operationId: 'getRollout',
  summary: "The six rollout phases: open dates, each phase's services with lifecycle stage and readiness, and its capacity plan",
  tag: rolloutTag,
  access: ['operator'],
  principal: 'linked',
  query: RolloutQuery,
  response: RolloutView,
  successStatus: 200,
  
} as const satisfies RouteContract;

export const setPhaseDateRoute = {
  method: 'PUT',
  path: '/v1/rollout/phases/{phase}',
  operationId: 'setPhaseDate',
  summary: "Change a phase's open date (optimistic concurrency on the schedule's version; audited); a phase cannot open while a service of it has no route",
  tag: rolloutTag,
  access: ['operator'],
  principal: 'linked',
  params: PhaseParams,
  body: SetPhaseDateBody,
  response: RolloutSchedule,
  successStatus: 200,
  errors: [409],
  errorCodes: ['phase_not_ready', 'stale_version'],
} as const satisfies RouteContract;

export const moveServiceRoute = {
  method: 'PUT',
  path: '/v1/rollout/services/{serviceId}',
  operationId: 'moveServiceToPhase',
  summary: "Move a service to another rollout phase: its card's next version (optimistic concurrency on the card's version; audited)",
  tag: rolloutTag,
  access: ['operator'],
  principal: 'linked',
  params: RolloutServiceParams,
  body: MoveServiceBody,
  response: MovedService,
  successStatus: 200,
  errors: [404, 409],
  errorCodes: ['invalid_service_card', 'phase_not_ready', 'service_not_found', 'stale_version'],
} as const satisfies RouteContract;

export const getMetricsRoute = {
  method: 'GET',
  path: '/v1/operations/metrics',
  operationId: 'getTodaysMetrics',
  summary: "Today's business counts: applications submitted, approved, rejected, cancelled; tasks opened, decided, past SLA",
  tag,
  access: ['operator'],
  principal: 'linked',
  query: MetricsQuery,
  response: TodaysMetrics,
  successStatus: 200,
  
} as const satisfies RouteContract;
