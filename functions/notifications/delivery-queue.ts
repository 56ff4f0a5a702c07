// The delivery queue as the notification workers see it: a platform queue, SQS in AWS, the local queue here.
import { notificationDeliveryQueue } from '../../lib/catalogue/engagement-workers';
import { platformQueueName } from '../../lib/catalogue/workers';
import { messageQueues } from '../shared/queues-adapter';
import type { DeliveryQueue } from './domain/ports';

const stage = process.env.STAGE;
if (!stage) {
  throw new Error('Environment variable STAGE is not set');
}
const queueName = platformQueueName(stage, notificationDeliveryQueue.name);

export const deliveryQueue: DeliveryQueue = {
  async enqueue(ref) {
    await messageQueues.send(queueName, JSON.stringify({ notificationId: ref.notificationId, channel: ref.channel }));
  },
};
