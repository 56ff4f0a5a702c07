// DynamoDB stream consumer of the engagement table: notifies each complaint event of its outbox (EVT# items) in
// order, once per event id. A failure reports its record, so the stream retries from it; an invalid event is skipped.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { ComplaintEvent } from '../../schemas/engagement';
import { businessMetrics } from '../../lib/platform/metrics';
import { logger } from '../shared/logger';
import { countEvent } from '../shared/metrics';
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

/** Complaints filed and escalated, counted once per event (a redelivered event was counted the first time). */
function countComplaint(event: ComplaintEvent): void {
  const dimensions = { category: event.category, handler: event.handler };
  if (event.type === 'ComplaintFiled') {
    countEvent(businessMetrics.complaintFiled, dimensions);
  } else if (event.type === 'ComplaintEscalated') {
    countEvent(businessMetrics.complaintEscalated, dimensions);
  }
}

export async function handler(streamEvent: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const record of streamEvent.Records) {
    const event = complaintEvent(record);
    if (!event) {
      continue;
    }
    try {
      const result = await notify(notifyDeps, event.eventId, complaintMessages(event, await agencyNames()));
      logNotified(event.eventId, event.type, result);
      if (!result.duplicate) {
        countComplaint(event);
      }
    } catch (error) {
      logger.error('Complaint event not notified; the stream retries from it', { eventId: event.eventId, errorName: (error as Error).name });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb!.SequenceNumber! }] };
    }
  }
  return { batchItemFailures: [] };
}
