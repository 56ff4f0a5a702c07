// Scheduled: queues the SMS held for their recipients' quiet hours, once those hours are over.
import { logger } from '../shared/logger';
import { releaseDeferred } from './domain/deliver';
import { deliveryQueue } from './delivery-queue';
import { notificationStore } from './deps';

export async function handler(): Promise<{ released: number }> {
  const result = await releaseDeferred({ store: notificationStore, queue: deliveryQueue, now: () => new Date() });
  logger.info('Quiet-hours SMS released', result);
  return result;
}
