// Names the CDK stacks, the Lambda code and the local cloud must agree on for the application workflow and the
// event bus (no CDK or SDK imports: every layer may import this).

/** `source` of the domain events on the platform's event bus (EventBridge rules match on it). */
export const EVENT_SOURCE = 'khidma.applications';

/** Name of the task state the local engine binds to the agency queues; the CDK definition must use it. */
export const AGENCY_STEP_STATE = 'Agency step';

/** An agency's task message is retried this often before it goes to the DLQ; each try is hidden this long. */
export const AGENCY_QUEUE_MAX_RECEIVES = 5;
export const AGENCY_QUEUE_VISIBILITY_SECONDS = 60;
export const agencyQueueName = (stage: string, agencyId: string) => `khidma-${stage}-tasks-${agencyId}`;
