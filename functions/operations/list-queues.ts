import { listQueuesRoute } from '../../lib/catalogue/operations';
import { httpHandler } from '../shared/http';
import { listQueues } from './domain/queues';
import { queueListDeps } from './deps';
import { stageQueues } from './stage-queues';

export const handler = httpHandler(listQueuesRoute, async () => {
  return { body: await listQueues(queueListDeps, stageQueues()) };
});
