// SQS consumer of every agency queue: opens the task of each agency step. Failed records are reported
// one by one (partial batch response) so only they are retried, then dead-lettered.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { openTask } from './domain/tasks';
import { taskDeps } from './task-deps';
import { logger } from '../shared/logger';
import type { AgencyTaskMessage } from '../workflow/ports';

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      await openTask(taskDeps, JSON.parse(record.body) as AgencyTaskMessage);
    } catch (error) {
      logger.error('Agency task not opened', { messageId: record.messageId, errorName: (error as Error).name });
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}
