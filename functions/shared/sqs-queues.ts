// Message queues in AWS: SQS. Queue URLs are looked up once per container; DLQs are redriven by an SQS message
// move task, which sends each message back to the queue it was dead-lettered from.
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type QueueAttributeName,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { MessageQueues } from './queue';
import { traced } from './tracing';

export type QueueUrlResolver = (queueName: string) => Promise<string>;

const count = (value: string | undefined): number => Number(value ?? 0) || 0;

export function sqsQueues(client = traced(new SQSClient({})), resolveUrl?: QueueUrlResolver): MessageQueues {
  const lookUp: QueueUrlResolver =
    resolveUrl ??
    (async (QueueName) => {
      const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName }));
      if (!QueueUrl) {
        throw new Error(`SQS returned no URL for queue ${QueueName}`);
      }
      return QueueUrl;
    });
  const urls = new Map<string, Promise<string>>();
  const urlOf = (queueName: string): Promise<string> => {
    const cached = urls.get(queueName);
    if (cached) {
      return cached;
    }
    const url = lookUp(queueName);
    urls.set(queueName, url);
    // A failed look-up (queue not created yet, throttling) is retried by the next call.
    url.catch(() => urls.get(queueName) === url && urls.delete(queueName));
    return url;
  };
  const attributes = async (queueName: string, AttributeNames: QueueAttributeName[]) => {
    const { Attributes = {} } = await client.send(new GetQueueAttributesCommand({ QueueUrl: await urlOf(queueName), AttributeNames }));
    return Attributes;
  };

  return {
    async send(queueName, body) {
      const { MessageId } = await client.send(new SendMessageCommand({ QueueUrl: await urlOf(queueName), MessageBody: body }));
      if (!MessageId) {
        throw new Error(`SQS returned no message id for queue ${queueName}`);
      }
      return { messageId: MessageId };
    },
    async redrive(deadLetterQueueName) {
      const { QueueArn, ApproximateNumberOfMessages } = await attributes(deadLetterQueueName, ['QueueArn', 'ApproximateNumberOfMessages']);
      if (!QueueArn) {
        throw new Error(`SQS returned no ARN for queue ${deadLetterQueueName}`);
      }
      // No DestinationArn: SQS moves each message back to its own source queue.
      await client.send(new StartMessageMoveTaskCommand({ SourceArn: QueueArn }));
      return { moved: count(ApproximateNumberOfMessages) };
    },
    async depth(queueName) {
      const found = await attributes(queueName, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible']);
      return { visible: count(found.ApproximateNumberOfMessages), inFlight: count(found.ApproximateNumberOfMessagesNotVisible) };
    },
  };
}
