// Wiring of the operations handlers: the queue port, the queue ages, the audit trail, and the stage's queue names.
import { platformQueueName, platformQueues } from '../../lib/catalogue/workers';
import { agencyQueueName, workflowAgencyIds } from '../../lib/platform/agencies';
import { registryDeps } from '../registry/deps';
import { messageQueues } from '../shared/queues-adapter';
import { type KnownQueue, knownQueues, type QueueOpsDeps } from './domain/queues';
import { queueAges } from './queue-ages';
import { environment } from '../shared/environment';

export const queueOpsDeps: QueueOpsDeps = {
  queues: messageQueues,
  ages: queueAges,
  audit: { append: (entry) => registryDeps.store.appendAudit(entry) },
  now: () => new Date(),
};

export const stageQueues = (): KnownQueue[] =>
  knownQueues(
    environment().STAGE,
    workflowAgencyIds,
    platformQueues.map((queue) => queue.name),
    { agency: agencyQueueName, platform: platformQueueName },
  );
