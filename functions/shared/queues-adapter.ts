// The one place the message queues are chosen: SQS in AWS, or the queues the local cloud installs at start.
import { adapterSlot } from './adapter-slot';
import type { MessageQueues } from './queue';

const slot = adapterSlot<MessageQueues>(async () => (await import('./sqs-queues')).sqsQueues());

export const installMessageQueues = slot.install;

/** Queue names are `platformQueueName(STAGE, name)`: see lib/catalogue/workers.ts. */
export const messageQueues: MessageQueues = {
  send: async (queueName, body) => (await slot.get()).send(queueName, body),
  redrive: async (deadLetterQueueName) => (await slot.get()).redrive(deadLetterQueueName),
  depth: async (queueName) => (await slot.get()).depth(queueName),
};
