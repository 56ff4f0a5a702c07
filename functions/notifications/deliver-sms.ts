// Queue consumer of the SMS deliveries: sends each with SNS (see delivery-worker.ts). Its own queue and
// function, apart from email: see smsDeliveryQueue in lib/catalogue/workers.ts.
import { smsDeliveryQueue } from '../../lib/catalogue/workers';
import { deliveryRetry } from './delivery-retry';
import { deliveryWorker } from './delivery-worker';
import { smsChannel } from './sms-channel';

export const handler = deliveryWorker({
  channel: 'sms',
  queue: smsDeliveryQueue,
  senders: async () => ({ sms: await smsChannel.get() }),
  retry: deliveryRetry.get,
});
