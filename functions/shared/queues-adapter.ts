// The one place the message queues are chosen: SQS in AWS, or the queues the local cloud installs at start.
import type { MessageQueues } from './queue';

let installed: MessageQueues | undefined;
let aws: Promise<MessageQueues> | undefined;

export function installMessageQueues(queues: MessageQueues): void {
  installed = queues;
}

async function current(): Promise<MessageQueues> {
  if (installed) {
    return installed;
  }
  aws ??= import('./sqs-queues').then(({ sqsQueues }) => sqsQueues());
  return aws;
}

/** Queue names are `platformQueueName(STAGE, name)`: see lib/catalogue/workers.ts. */
export const messageQueues: MessageQueues = {
  send: async (queueName, body) => (await current()).send(queueName, body),
  redrive: async (deadLetterQueueName) => (await current()).redrive(deadLetterQueueName),
  depth: async (queueName) => (await current()).depth(queueName),
};
