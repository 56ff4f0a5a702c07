// A channel's delivery worker, on its queue: sends each queued email or SMS. A failed one is put back with
// exponential backoff (its visibility timeout) and reported failed; after the queue's last attempt it is
// dead-lettered, and the log says so. deliver-email.ts and deliver-sms.ts are this for one channel each.
// No zod nor schemas/ here (nor in what it imports): the message is two fields, checked by hand in
// delivery-message.ts, and these bundles have little room under the size budget.
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { PlatformQueue } from '../../lib/catalogue/workers';
import { businessMetrics } from '../../lib/platform/metrics';
import { logger } from '../shared/logger';
import { countEvent } from '../shared/metrics';
import type { RetryScheduler } from './domain/ports';
import { deliver, type DeliverDeps } from './domain/deliver';
import type { DeliveryRef } from './domain/ports';
import { parseDeliveryMessage } from './delivery-message';
import { notificationStore } from './deps';

export interface DeliveryWorker<C extends DeliveryRef['channel']> {
  /** The channel of every message on `queue` (delivery-queue.ts puts each on its channel's queue). */
  readonly channel: C;
  readonly queue: PlatformQueue;
  /** The channel's sender, built on first use. */
  readonly senders: () => Promise<Required<Pick<DeliverDeps, C>>>;
  readonly retry: () => Promise<RetryScheduler>;
}

export function deliveryWorker<C extends DeliveryRef['channel']>(worker: DeliveryWorker<C>): (event: SQSEvent) => Promise<SQSBatchResponse> {
  async function handle(record: SQSRecord): Promise<boolean> {
    const ref = parseDeliveryMessage(record.body, worker.channel);
    if (!ref) {
      // Retrying would not make it valid (nor move it to its channel's queue).
      logger.error('Invalid delivery message dropped', { messageId: record.messageId, channel: worker.channel });
      return true;
    }
    const [senders, retry] = await Promise.all([worker.senders(), worker.retry()]);
    const attempt = Number(record.attributes.ApproximateReceiveCount) || 1;
    const deps: DeliverDeps = { store: notificationStore, ...senders, now: () => new Date(), retryBaseMs: retry.baseMs };
    const outcome = await deliver(deps, ref, attempt, worker.queue.maxReceives);
    if (outcome.kind === 'retry' || outcome.kind === 'dead-lettered') {
      logger.warn('Delivery failed', { ...ref, attempt, outcome: outcome.kind });
      countEvent(businessMetrics.notificationFailed, { channel: worker.channel });
      if (outcome.kind === 'dead-lettered') {
        countEvent(businessMetrics.notificationDeadLettered, { channel: worker.channel });
      }
      // Dead-lettered: visible at once, so the queue moves it to the DLQ on its next receive.
      await retry.later({ queueArn: record.eventSourceARN, receiptHandle: record.receiptHandle }, outcome.kind === 'retry' ? outcome.delayMs : 0);
      return false;
    }
    return true;
  }

  return async (event) => {
    const batchItemFailures: SQSBatchItemFailure[] = [];
    for (const record of event.Records) {
      // One bad record (a table error, a malformed body) must not fail the others of the batch.
      const done = await handle(record).catch((error: Error) => {
        logger.error('Delivery not attempted', { messageId: record.messageId, errorName: error?.name });
        return false;
      });
      if (!done) {
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
