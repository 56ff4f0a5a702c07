// Wiring of the queue listing: the queue port's depths and the queue ages (CloudWatch in AWS); names in stage-queues.ts.
import { messageQueues } from '../shared/queues-adapter';
import type { QueueListDeps } from './domain/queues';
import { queueAges } from './queue-ages';

export const queueListDeps: QueueListDeps = { queues: messageQueues, ages: queueAges };
