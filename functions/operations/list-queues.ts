import { listQueuesRoute } from '../../lib/catalogue/operations';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { listQueues } from './domain/queues';
import { queueOpsDeps, stageQueues } from './deps';

export const handler = httpHandler(listQueuesRoute, async ({ caller, requestId }) => {
  await scoped(caller, requestId);
  return { body: { items: await listQueues(queueOpsDeps, stageQueues()) } };
});
