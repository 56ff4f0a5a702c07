// DynamoDB stream consumer of the applications table: publishes the outbox (EVT# items) to the event bus, in
// shard order. A failure reports its record, so the stream retries from it on; an invalid event is skipped.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { DomainEvent } from '../../schemas/applications';
import { logger } from '../shared/logger';
import { PublishFailed } from './bus';
import { eventBus } from './bus-adapter';
import { countPublished, type Published } from './event-metrics';

interface Outgoing extends Published {
  readonly sequenceNumber: string;
}

export async function handler(streamEvent: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const outgoing = streamEvent.Records.flatMap(toOutgoing);
  if (!outgoing.length) {
    return { batchItemFailures: [] };
  }
  try {
    await eventBus.publish(outgoing.map((item) => item.event));
    countPublished(outgoing);
    return { batchItemFailures: [] };
  } catch (error) {
    const first = outgoing[error instanceof PublishFailed ? error.firstFailedIndex : 0] ?? outgoing[0]!;
    logger.error('Outbox events not published; the stream retries from the first failed one', {
      sequenceNumber: first.sequenceNumber,
      eventId: first.event.eventId,
      errorName: (error as Error).name,
      errorMessage: (error as Error).message,
    });
    return { batchItemFailures: [{ itemIdentifier: first.sequenceNumber }] };
  }
}

function toOutgoing(record: DynamoDBRecord): Outgoing[] {
  const { Keys, NewImage, SequenceNumber } = record.dynamodb ?? {};
  if (record.eventName !== 'INSERT' || !Keys?.sk?.S?.startsWith('EVT#') || !NewImage || !SequenceNumber) {
    return [];
  }
  const item = outboxItem(NewImage as Record<string, AttributeValue>);
  const raw = item?.event as Record<string, unknown> | undefined;
  const parsed = DomainEvent.safeParse(raw);
  if (!parsed.success) {
    // Skipped, not retried: a poison record would block the shard. No values logged: they may be personal data.
    logger.error('Invalid outbox event skipped', {
      sequenceNumber: SequenceNumber,
      eventId: typeof raw?.eventId === 'string' ? raw.eventId : undefined,
      type: typeof raw?.type === 'string' ? raw.type : undefined,
      invalidPaths: parsed.error.issues.map((issue) => issue.path.join('.')),
    });
    return [];
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return [{ event: parsed.data, sequenceNumber: SequenceNumber, serviceId: text(item?.serviceId), channel: text(item?.channel) }];
}

function outboxItem(image: Record<string, AttributeValue>): Record<string, unknown> | undefined {
  try {
    return unmarshall(image);
  } catch {
    return undefined; // e.g. a number beyond Number.MAX_SAFE_INTEGER: fails validation below like any malformed event
  }
}
