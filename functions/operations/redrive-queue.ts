import { redriveQueueRoute } from '../../lib/catalogue/operations';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { redriveQueue } from './domain/queues';
import { queueOpsDeps, stageQueues } from './deps';

export const handler = httpHandler(redriveQueueRoute, async ({ params, body, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await redriveQueue(queueOpsDeps, stageQueues(), params.queue, body.reason, { username: caller.username, role: principal.role }) };
});
