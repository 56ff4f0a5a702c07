// Queue consumer: sends each queued email and SMS. A failed one is put back with exponential backoff (its
// visibility timeout) and reported failed; after the queue's last attempt it is dead-lettered, and the log says so.
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod/mini';
import { notificationDeliveryQueue } from '../../lib/catalogue/engagement-workers';
import { deliveryChannels as deliveryChannelNames } from '../../schemas/engagement';
import { logger } from '../shared/logger';
import { deliveryChannels } from './channels';
import { deliver } from './domain/deliver';
import { notificationStore } from './deps';

const DeliveryMessage = z.strictObject({ notificationId: z.string(), channel: z.enum(deliveryChannelNames) });

function parse(body: string) {
  try {
    return DeliveryMessage.safeParse(JSON.parse(body));
  } catch {
    return { success: false as const };
  }
}

async function handle(record: SQSRecord): Promise<boolean> {
  const parsed = parse(record.body);
  if (!parsed.success) {
    // Retrying would not make it valid.
    logger.error('Invalid delivery message dropped', { messageId: record.messageId });
    return true;
  }
  const channels = await deliveryChannels();
  const attempt = Number(record.attributes.ApproximateReceiveCount) || 1;
  const deps = { store: notificationStore, email: channels.email, sms: channels.sms, now: () => new Date(), retryBaseMs: channels.retry.baseMs };
  const outcome = await deliver(deps, parsed.data, attempt, notificationDeliveryQueue.maxReceives);
  if (outcome.kind === 'retry' || outcome.kind === 'dead-lettered') {
    logger.warn('Delivery failed', { ...parsed.data, attempt, outcome: outcome.kind });
    // Dead-lettered: visible at once, so the queue moves it to the DLQ on its next receive.
    await channels.retry.later({ queueArn: record.eventSourceARN, receiptHandle: record.receiptHandle }, outcome.kind === 'retry' ? outcome.delayMs : 0);
    return false;
  }
  return true;
}

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
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
}
