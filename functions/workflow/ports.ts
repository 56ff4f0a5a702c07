// Ports of the multi-agency workflow: the engine that orchestrates an application's steps (Step Functions
// in AWS, aws-local-stepfunctions running the same synthesized definition locally) and agency task queues
// (SQS in AWS, an in-process queue with SQS semantics locally). No AWS types here.

export interface WorkflowStepInput {
  readonly stepId: string;
  readonly agencyId: string;
  readonly slaHours: number;
}

/** Execution input: stages run in order, the steps of a stage in parallel. */
export interface WorkflowInput {
  readonly applicationId: string;
  readonly stages: ReadonlyArray<{ readonly steps: readonly WorkflowStepInput[] }>;
}

/** The message an agency step puts on that agency's queue; the decision goes back with `taskToken`. */
export interface AgencyTaskMessage extends WorkflowStepInput {
  readonly applicationId: string;
  readonly taskToken: string;
}

/** Output an agency step returns to the engine when the officer approves. */
export interface StepOutcome {
  readonly stepId: string;
  readonly decision: 'approve';
}

export interface WorkflowEngine {
  /** Starts the application's execution; starting one that already exists is a no-op (execution name = applicationId). */
  start(input: WorkflowInput): Promise<void>;
  sendTaskSuccess(taskToken: string, output: StepOutcome): Promise<void>;
  /** Ends the step with an error: the execution ends (rejection, cancellation). */
  sendTaskFailure(taskToken: string, error: 'Rejected' | 'Cancelled', cause: string): Promise<void>;
  /**
   * Makes sure the application's execution is running (the reconciler): a running one is left alone; a
   * missing, failed or aborted one is started again. The steps it repeats are idempotent.
   */
  resume(input: WorkflowInput): Promise<'running' | 'started'>;
  /** Stops a running execution (cancellation); unknown or finished executions are a no-op. */
  stop(applicationId: string, cause: string): Promise<void>;
}

