// The one place the queue-age source is chosen: CloudWatch in AWS (SQS answers depths, not ages), the local
// cloud's queues when installed at start.
import { adapterSlot } from '../shared/adapter-slot';
import type { QueueAges } from './domain/queues';

const slot = adapterSlot<QueueAges>(async () => (await import('./cloudwatch-ages')).cloudWatchAges());

export const installQueueAges = slot.install;

export const queueAges: QueueAges = {
  oldestAgeSeconds: async (queueName) => (await slot.get()).oldestAgeSeconds(queueName),
};
