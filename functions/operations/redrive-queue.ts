import { redriveQueueRoute } from '../../lib/catalogue/operations';
import { httpHandler } from '../shared/http';
import { redriveQueue } from './domain/queues';
import { stageQueues } from './stage-queues';
import { queueRedriveDeps } from './redrive-deps';

export const handler = httpHandler(redriveQueueRoute, async ({ params, body, principal, caller }) => {
  return { body: await redriveQueue(queueRedriveDeps, stageQueues(), params.queue, body.reason, { username: caller.username, role: principal.role }) };
});
