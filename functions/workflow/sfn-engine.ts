// The workflow engine in AWS: Step Functions. Execution name = applicationId, so starting twice is a no-op;
// tokens of finished or stopped executions surface as TaskDoesNotExist, which the domain treats as "already told".
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { WorkflowEngine, WorkflowInput } from './ports';
import { traced } from '../shared/tracing';

export class TaskGone extends Error {
  override readonly name = 'TaskDoesNotExist';
}

export function sfnEngine(stateMachineArn: string, client = traced(new SFNClient({}))): WorkflowEngine {
  const executionArn = (applicationId: string) =>
    `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${applicationId}`;
  const taskCall = async (send: () => Promise<unknown>) => {
    try {
      await send();
    } catch (error) {
      if (error instanceof TaskDoesNotExist || error instanceof TaskTimedOut || error instanceof InvalidToken) {
        throw new TaskGone(error.message);
      }
      throw error;
    }
  };
  const startNamed = async (name: string, input: WorkflowInput) => {
    try {
      await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }));
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) {
        throw error;
      }
    }
  };
  return {
    start: (input) => startNamed(input.applicationId, input),
    async resume(input) {
      let status: string | undefined;
      try {
        ({ status } = await client.send(new DescribeExecutionCommand({ executionArn: executionArn(input.applicationId) })));
      } catch (error) {
        if (!(error instanceof ExecutionDoesNotExist)) {
          throw error;
        }
      }
      if (status === 'RUNNING') {
        return 'running';
      }
      // Names of finished Standard executions cannot be reused for 90 days: a restart gets a suffix.
      await startNamed(status ? `${input.applicationId}-r${Date.now()}` : input.applicationId, input);
      return 'started';
    },
    sendTaskSuccess: (taskToken, output) => taskCall(() => client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }))),
    sendTaskFailure: (taskToken, error, cause) => taskCall(() => client.send(new SendTaskFailureCommand({ taskToken, error, cause: cause.slice(0, 256) }))),
    async stop(applicationId, cause) {
      try {
        await client.send(new StopExecutionCommand({ executionArn: executionArn(applicationId), error: 'Cancelled', cause: cause.slice(0, 256) }));
      } catch (error) {
        if (!(error instanceof ExecutionDoesNotExist)) {
          throw error;
        }
      }
    },
  };
}
