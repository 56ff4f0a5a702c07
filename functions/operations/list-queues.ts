import { listQueuesRoute } from '../../lib/catalogue/operations';
import { httpHandler } from '../shared/http';
import { listQueues } from './domain/queues';
import { queueOpsDeps, stageQueues } from './deps';

export const handler = httpHandler(listQueuesRoute, async () => {
  return { body: await listQueues(queueOpsDeps, stageQueues()) };
});
