// Wiring of the rollout handlers: the catalogue, the versioned schedule, the audit trail, the deployed agency queues.
import { workflowAgencyIds } from '../../lib/platform/agencies';
import { registryDeps as registry } from '../registry/deps';
import { catalogueDeps as catalogue } from '../services/deps';
import { dynamo, requireTable } from '../shared/dynamo';
import type { RolloutDeps } from './domain/rollout';
import { dynamoRollout } from './dynamo-rollout';

export const rolloutDeps: RolloutDeps = {
  ...catalogue,
  rollout: dynamoRollout(dynamo, () => requireTable('catalogue')),
  audit: { append: (entry) => registry.store.appendAudit(entry) },
  routedAgencies: workflowAgencyIds,
};
