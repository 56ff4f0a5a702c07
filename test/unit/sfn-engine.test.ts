// The Step Functions adapter of the workflow engine (no local engine speaks the SFN API: the SDK is mocked).
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { sfnEngine } from '../../functions/workflow/sfn-engine';

const ARN = 'arn:aws:states:me-central-1:123456789012:stateMachine:khidma-prod-application';
const EXECUTION = 'arn:aws:states:me-central-1:123456789012:execution:khidma-prod-application:01J0APPLICATION0000000000';
const input = { applicationId: '01J0APPLICATION0000000000', stages: [{ steps: [{ stepId: 'review', agencyId: 'cspd', slaHours: 24 }] }] };
const sfn = mockClient(SFNClient);
const engine = () => sfnEngine(ARN, new SFNClient({ region: 'me-central-1' }));
const meta = { $metadata: {}, message: 'x' };

beforeEach(() => sfn.reset());

test('starts one execution per application, named after it, with the input as JSON', async () => {
  sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });
  await engine().start(input);
  expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({ stateMachineArn: ARN, name: input.applicationId, input: JSON.stringify(input) });
});

test('starting an application that already has an execution is a no-op', async () => {
  sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists(meta));
  await expect(engine().start(input)).resolves.toBeUndefined();
});

test('resume leaves a running execution alone', async () => {
  sfn.on(DescribeExecutionCommand).resolves({ status: 'RUNNING' } as never);
  await expect(engine().resume(input)).resolves.toBe('running');
  expect(sfn.commandCalls(DescribeExecutionCommand)[0]!.args[0].input).toEqual({ executionArn: EXECUTION });
  expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
});

test('resume starts a missing execution under the application name, a failed one under a new name', async () => {
  sfn.on(DescribeExecutionCommand).rejectsOnce(new ExecutionDoesNotExist(meta)).resolves({ status: 'FAILED' } as never);
  sfn.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: new Date() });
  await expect(engine().resume(input)).resolves.toBe('started');
  await expect(engine().resume(input)).resolves.toBe('started');
  const names = sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input.name);
  expect(names[0]).toBe(input.applicationId);
  expect(names[1]).toMatch(new RegExp(`^${input.applicationId}-r\\d+$`));
});

test('sends task results; a finished or timed-out task surfaces as TaskDoesNotExist', async () => {
  sfn.on(SendTaskSuccessCommand).resolves({});
  sfn.on(SendTaskFailureCommand).rejectsOnce(new TaskTimedOut(meta)).rejectsOnce(new TaskDoesNotExist(meta)).rejects(new Error('throttled'));
  await engine().sendTaskSuccess('token-1', { stepId: 'review', decision: 'approve' });
  expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({ taskToken: 'token-1', output: '{"stepId":"review","decision":"approve"}' });
  await expect(engine().sendTaskFailure('token-2', 'Rejected', 'no')).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  await expect(engine().sendTaskFailure('token-2', 'Rejected', 'no')).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  await expect(engine().sendTaskFailure('token-2', 'Rejected', 'x'.repeat(300))).rejects.toThrow('throttled');
  expect(sfn.commandCalls(SendTaskFailureCommand)[2]!.args[0].input.cause).toHaveLength(256);
});

test('stops the execution named after the application; an unknown one is a no-op', async () => {
  sfn.on(StopExecutionCommand).resolvesOnce({ stopDate: new Date() }).rejects(new ExecutionDoesNotExist(meta));
  await engine().stop(input.applicationId, 'cancelled by the applicant');
  expect(sfn.commandCalls(StopExecutionCommand)[0]!.args[0].input).toEqual({ executionArn: EXECUTION, error: 'Cancelled', cause: 'cancelled by the applicant' });
  await expect(engine().stop(input.applicationId, 'again')).resolves.toBeUndefined();
});
