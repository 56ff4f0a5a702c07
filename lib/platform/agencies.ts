// Agencies that own workflow steps: each gets a task queue (and DLQ). Onboarding an agency's workflow = adding
// it to the reference package's agencies (reference/agencies.ts) and deploying; never derived from demo data.
import { referenceAgencies } from '../../reference/agencies';

export const workflowAgencyIds: readonly string[] = referenceAgencies.map((agency) => agency.agencyId);

/** The task queue of an agency (its DLQ is this name plus `-dlq`); no CDK here, handlers name queues with it too. */
export const agencyQueueName = (stage: string, agencyId: string) => `khidma-${stage}-tasks-${agencyId}`;
