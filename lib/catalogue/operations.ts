// Route contracts of the operators' routes: queues and dead letters, metrics, the rollout and its capacity plan.
import { ListQueuesQuery, QueueList, QueueParams, RedriveBody, RedriveResult } from '../../schemas/operations';
import type { RouteContract } from './types';

const tag = 'Operations';

export const listQueuesRoute = {
  method: 'GET',
  path: '/v1/operations/queues',
  operationId: 'listQueues',
  summary: 'Every agency task queue and platform queue with its dead-letter queue: messages waiting, in flight, and the age of the oldest',
  tag,
  access: ['operator'],
  query: ListQueuesQuery,
  response: QueueList,
  successStatus: 200,
  errorCodes: ['account_not_linked', 'mfa_enrolment_required'],
} as const satisfies RouteContract;

export const redriveQueueRoute = {
  method: 'POST',
  path: '/v1/operations/queues/{queue}/redrive',
  operationId: 'redriveQueue',
  summary: "Move a queue's dead letters back to it once their cause is fixed (audited with the reason)",
  tag,
  access: ['operator'],
  params: QueueParams,
  body: RedriveBody,
  response: RedriveResult,
  successStatus: 202,
  errors: [404],
  errorCodes: ['account_not_linked', 'mfa_enrolment_required', 'queue_not_found'],
} as const satisfies RouteContract;
