// The delivery queues as the notification workers see them: one platform queue per channel (SQS in AWS, the
// local queue here), each email or SMS put on its own channel's.
import { deliveryQueues } from '../../lib/catalogue/workers';
import { platformQueueName } from '../../lib/catalogue/workers';
import { messageQueues } from '../shared/queues-adapter';
import { deliveryMessage } from './delivery-message';
import type { DeliveryQueue } from './domain/ports';
import { environment } from '../shared/environment';

const stage = environment().STAGE;
if (!stage) {
  throw new Error('Environment variable STAGE is not set');
}
const queueNames = { email: platformQueueName(stage, deliveryQueues.email.name), sms: platformQueueName(stage, deliveryQueues.sms.name) };

export const deliveryQueue: DeliveryQueue = {
  async enqueue(ref) {
    await messageQueues.send(queueNames[ref.channel], deliveryMessage(ref));
  },
};
