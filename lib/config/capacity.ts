// What the deployment takes from the capacity plan (lib/platform/capacity.ts) of the reference
// catalogue with every phase open: the submission routes' throttle, the submission functions' reserved
// concurrency and the agency queues' consumer concurrency. A stage's config may override any of them.
import { capacityPlan, deploymentLimits } from '../platform/capacity';
import { referenceServices } from '../../reference/services';
import type { StageConfig } from './stages';

/** Routes that start workflows: throttled and given reserved concurrency from the plan. */
export const submissionRoutes = ['POST /v1/applications', 'POST /v1/applications/{applicationId}/submit', 'POST /v1/bundles'] as const;

export interface DeploymentCapacity {
  readonly submitThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /** Reserved concurrency of each submission function; undefined: none (accounts with a low concurrency quota). */
  readonly submitReservedConcurrency?: number;
  readonly agencyQueueMaximumConcurrency: number;
}

export function referencePlan(config?: Pick<StageConfig, 'capacity'>) {
  const cards = referenceServices.map(({ card }) => ({ serviceId: card.name.en, rolloutPhase: card.rolloutPhase, annualTransactions: card.priority.annualTransactions, workflow: card.workflow }));
  return capacityPlan(cards, [1, 2, 3, 4, 5, 6], { assumptions: config?.capacity?.assumptions, quotas: config?.capacity?.quotas });
}

export function deploymentCapacity(config: Pick<StageConfig, 'capacity'>): DeploymentCapacity {
  const plan = referencePlan(config);
  const limits = deploymentLimits(plan.phases.at(-1)!, plan.assumptions);
  const overrides = config.capacity ?? {};
  return {
    submitThrottle: overrides.submitThrottle ?? { rateLimit: limits.submitRateLimit, burstLimit: limits.submitBurstLimit },
    submitReservedConcurrency: overrides.reserveConcurrency === false ? undefined : (overrides.submitReservedConcurrency ?? limits.submitReservedConcurrency),
    agencyQueueMaximumConcurrency: overrides.agencyQueueMaximumConcurrency ?? limits.agencyQueueMaximumConcurrency,
  };
}
