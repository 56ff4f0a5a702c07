// The one place the workflow engine is chosen: Step Functions in AWS, or the engine the local cloud installs.
import type { WorkflowEngine } from './ports';

let installed: WorkflowEngine | undefined;

/** The local cloud installs its engine (aws-local-stepfunctions running the synthesized definition) at start. */
export function installWorkflowEngine(engine: WorkflowEngine): void {
  installed = engine;
}

let aws: Promise<WorkflowEngine> | undefined;

async function awsEngine(): Promise<WorkflowEngine> {
  const arn = process.env.WORKFLOW_STATE_MACHINE_ARN;
  if (!arn) {
    throw new Error('WORKFLOW_STATE_MACHINE_ARN is not set and no local engine is installed');
  }
  const { sfnEngine } = await import('./sfn-engine');
  return sfnEngine(arn);
}

/** Delegates each call to the installed engine, or to Step Functions. */
export const workflowEngine: WorkflowEngine = {
  start: async (input) => (installed ?? (await (aws ??= awsEngine()))).start(input),
  sendTaskSuccess: async (token, output) => (installed ?? (await (aws ??= awsEngine()))).sendTaskSuccess(token, output),
  sendTaskFailure: async (token, error, cause) => (installed ?? (await (aws ??= awsEngine()))).sendTaskFailure(token, error, cause),
  resume: async (input) => (installed ?? (await (aws ??= awsEngine()))).resume(input),
  stop: async (applicationId, cause) => (installed ?? (await (aws ??= awsEngine()))).stop(applicationId, cause),
};
