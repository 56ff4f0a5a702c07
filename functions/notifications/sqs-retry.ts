// Backoff on SQS: a failed message's visibility timeout is set to the delay, so it comes back then with its
// receive count, and the queue's redrive policy dead-letters it after the last attempt.
// NOTIFICATIONS_RETRY_BASE_SECONDS is the first retry's delay (30 s unless set).
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { RetryScheduler } from './domain/ports';
import { type Environment, environment } from '../shared/environment';
import { traced } from '../shared/tracing';

/** SQS's longest visibility timeout. */
const MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

export function sqsRetry(client = traced(new SQSClient({})), baseMs = 30_000): RetryScheduler {
  const urls = new Map<string, Promise<string>>();
  const urlOf = (queueArn: string) => {
    const [, , , , account, name] = queueArn.split(':');
    const cached = urls.get(queueArn);
    if (cached) {
      return cached;
    }
    const url = client.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account })).then(({ QueueUrl }) => {
      if (!QueueUrl) {
        throw new Error(`SQS returned no URL for queue ${name}`);
      }
      return QueueUrl;
    });
    urls.set(queueArn, url);
    url.catch(() => urls.delete(queueArn));
    return url;
  };
  return {
    baseMs,
    async later({ queueArn, receiptHandle }, delayMs) {
      const seconds = Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, Math.ceil(delayMs / 1000)));
      await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: await urlOf(queueArn), ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
    },
  };
}

export function sqsRetryFromEnvironment(env: Environment = environment()): RetryScheduler {
  return sqsRetry(undefined, env.NOTIFICATIONS_RETRY_BASE_SECONDS * 1000);
}
