// DynamoDB stream consumer of the audit table: after each batch, signs the head of every chain it touched and
// writes it to the write-once checkpoint store (domain/checkpoints.ts). A failure reports the first record of the
// subject that failed, so the stream retries from there (a checkpoint written again is found to exist, no harm).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { AuditRecord } from '../../schemas/registry';
import { documentSigner } from '../documents/signer';
import { logger } from '../shared/logger';
import { checkpointStore } from './checkpoint-store';
import { type CheckpointDeps, checkpointHeads } from './domain/checkpoints';

const deps: CheckpointDeps = { checkpoints: checkpointStore, signer: documentSigner, now: () => new Date() };

function auditRecordOf(record: DynamoDBRecord): AuditRecord | undefined {
  const { Keys, NewImage } = record.dynamodb ?? {};
  if (record.eventName !== 'INSERT' || !Keys?.pk?.S?.startsWith('SUBJECT#') || !NewImage) {
    return undefined;
  }
  return unmarshall(NewImage as Record<string, AttributeValue>).record as AuditRecord | undefined;
}

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  // Each subject's records, in the order of its first record in the batch.
  const bySubject = new Map<string, { first: string; records: AuditRecord[] }>();
  for (const streamRecord of event.Records) {
    const record = auditRecordOf(streamRecord);
    if (record) {
      const group = bySubject.get(record.subject) ?? { first: streamRecord.dynamodb?.SequenceNumber ?? '', records: [] };
      group.records.push(record);
      bySubject.set(record.subject, group);
    }
  }
  for (const { first, records } of bySubject.values()) {
    try {
      await checkpointHeads(deps, records);
    } catch (error) {
      logger.error('Audit checkpoint not written; the stream retries from this subject', {
        sequenceNumber: first,
        errorName: (error as Error).name,
        errorMessage: (error as Error).message,
      });
      return { batchItemFailures: [{ itemIdentifier: first }] };
    }
  }
  return { batchItemFailures: [] };
}
