// Wiring of the operations handlers: the queue port, the queue ages, the audit trail, and the stage's queue names.
import { registryDeps } from '../registry/deps';
import { messageQueues } from '../shared/queues-adapter';
import type { QueueOpsDeps, StageQueues } from './domain/queues';
import { queuesOfStage } from './stage-queues';
import { queueAges } from './queue-ages';
import { environment } from '../shared/environment';

export const queueOpsDeps: QueueOpsDeps = {
  queues: messageQueues,
  ages: queueAges,
  audit: { append: (entry) => registryDeps.store.appendAudit(entry) },
  now: () => new Date(),
};

export const stageQueues = (): StageQueues => queuesOfStage(environment().STAGE);
