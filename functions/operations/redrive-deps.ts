// Wiring of the redrive: the queue port's move and the audit trail (no CloudWatch: only the listing reads ages).
import { registryDeps } from '../registry/deps';
import { messageQueues } from '../shared/queues-adapter';
import type { QueueRedriveDeps } from './domain/queues';

export const queueRedriveDeps: QueueRedriveDeps = {
  queues: messageQueues,
  audit: { append: (entry) => registryDeps.store.appendAudit(entry) },
  now: () => new Date(),
};
