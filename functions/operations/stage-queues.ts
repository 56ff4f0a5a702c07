// The stage's queues by name, from the catalogue CDK and the local cloud build them from: what the operations routes
// list and redrive. test/cdk/observability.test.ts checks that every queue CDK gives failures to is among them.
import { failureQueueName, failureSourceOf } from '../../lib/catalogue/worker-types';
import { platformQueueName, platformQueues, workers } from '../../lib/catalogue/workers';
import { agencyQueueName, workflowAgencyIds } from '../../lib/platform/agencies';
import { environment } from '../shared/environment';
import { knownFailureQueues, knownQueues, type StageQueues } from './domain/queues';

/** The stage's queues, named as CDK and the local cloud name them (test/cdk/observability.test.ts checks CDK's). */
export function queuesOfStage(stage: string): StageQueues {
  return {
    queues: knownQueues(stage, workflowAgencyIds, platformQueues.map((queue) => queue.name), { agency: agencyQueueName, platform: platformQueueName }),
    failures: knownFailureQueues(
      workers.flatMap((worker) => {
        const source = failureSourceOf(worker);
        return source ? [{ id: worker.id, source }] : [];
      }),
      (workerId, source) => failureQueueName(stage, workerId, source),
    ),
  };
}

/** This function's stage's queues. */
export const stageQueues = (): StageQueues => queuesOfStage(environment().STAGE);
