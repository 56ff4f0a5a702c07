// Queue consumer of the email deliveries: sends each with SES (see delivery-worker.ts). Its own queue and
// function, apart from SMS: see emailDeliveryQueue in lib/catalogue/workers.ts.
import { emailDeliveryQueue } from '../../lib/catalogue/workers';
import { deliveryRetry } from './delivery-retry';
import { deliveryWorker } from './delivery-worker';
import { emailChannel } from './email-channel';

export const handler = deliveryWorker({
  channel: 'email',
  queue: emailDeliveryQueue,
  senders: async () => ({ email: await emailChannel.get() }),
  retry: deliveryRetry.get,
});
