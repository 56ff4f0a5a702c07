// The one place the workflow engine is chosen: Step Functions in AWS, or the engine the local cloud installs
// (aws-local-stepfunctions running the synthesized definition).
import { adapterSlot } from '../shared/adapter-slot';
import type { WorkflowEngine } from './ports';
import { environment } from '../shared/environment';

const slot = adapterSlot<WorkflowEngine>(async () => {
  const arn = environment().WORKFLOW_STATE_MACHINE_ARN;
  if (!arn) {
    throw new Error('WORKFLOW_STATE_MACHINE_ARN is not set and no local engine is installed');
  }
  const { sfnEngine } = await import('./sfn-engine');
  return sfnEngine(arn);
});

export const installWorkflowEngine = slot.install;

/** Delegates each call to the installed engine, or to Step Functions. */
export const workflowEngine: WorkflowEngine = {
  start: async (input) => (await slot.get()).start(input),
  resume: async (input) => (await slot.get()).resume(input),
  sendTaskSuccess: async (token, output) => (await slot.get()).sendTaskSuccess(token, output),
  sendTaskFailure: async (token, error, cause) => (await slot.get()).sendTaskFailure(token, error, cause),
  stop: async (applicationId, cause) => (await slot.get()).stop(applicationId, cause),
};
