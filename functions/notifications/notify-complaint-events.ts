// DynamoDB stream consumer of the engagement table: notifies each complaint event of its outbox (EVT# items) in
// order, once per event id. A failure reports its record, so the stream retries from it; an invalid event is skipped.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { ComplaintEvent } from '../../schemas/engagement';
import { logger } from '../shared/logger';
import { complaintMessages } from './domain/messages';
import { notify } from './domain/notify';
import { agencyNames, logNotified, notifyDeps } from './notify-deps';

function complaintEvent(record: DynamoDBRecord): ComplaintEvent | undefined {
  const { Keys, NewImage } = record.dynamodb ?? {};
  if (record.eventName !== 'INSERT' || !Keys?.sk?.S?.startsWith('EVT#') || !NewImage) {
    return undefined;
  }
  let raw: unknown;
  try {
    raw = unmarshall(NewImage as Record<string, AttributeValue>).event;
  } catch {
    raw = undefined;
  }
  const parsed = ComplaintEvent.safeParse(raw);
  if (!parsed.success) {
    logger.error('Invalid complaint event skipped', { sequenceNumber: record.dynamodb?.SequenceNumber, invalidPaths: parsed.error.issues.map((issue) => issue.path.join('.')) });
    return undefined;
  }
  return parsed.data;
}

export async function handler(streamEvent: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const record of streamEvent.Records) {
    const event = complaintEvent(record);
    if (!event) {
      continue;
    }
    try {
      logNotified(event.eventId, event.type, await notify(notifyDeps, event.eventId, complaintMessages(event, await agencyNames())));
    } catch (error) {
      logger.error('Complaint event not notified; the stream retries from it', { eventId: event.eventId, errorName: (error as Error).name });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
    }
  }
  return { batchItemFailures: [] };
}
