// The SQS adapter of the message queue port: the commands it sends, its URL cache and how it reads attributes.
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  QueueDoesNotExist,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { sqsQueues } from '../../functions/shared/sqs-queues';

const sqs = mockClient(SQSClient);
const urlOf = (name: string) => `https://sqs.eu-west-1.amazonaws.com/123456789012/${name}`;

beforeEach(() => {
  sqs.reset();
  sqs.on(GetQueueUrlCommand).callsFake(({ QueueName }: { QueueName: string }) => ({ QueueUrl: urlOf(QueueName) }));
});

const queues = () => sqsQueues(new SQSClient({ region: 'eu-west-1' }));

test('sends the body to the queue URL it looked up, once per queue', async () => {
  sqs.on(SendMessageCommand).resolvesOnce({ MessageId: 'm-1' }).resolvesOnce({ MessageId: 'm-2' }).resolves({ MessageId: 'm-3' });
  const adapter = queues();

  await expect(adapter.send('tasks-cspd', '{"a":1}')).resolves.toEqual({ messageId: 'm-1' });
  await expect(adapter.send('tasks-cspd', '{"a":2}')).resolves.toEqual({ messageId: 'm-2' });
  await adapter.send('tasks-mol', '{"a":3}');

  expect(sqs.commandCalls(GetQueueUrlCommand).map((call) => call.args[0].input)).toEqual([{ QueueName: 'tasks-cspd' }, { QueueName: 'tasks-mol' }]);
  expect(sqs.commandCalls(SendMessageCommand).map((call) => call.args[0].input)).toEqual([
    { QueueUrl: urlOf('tasks-cspd'), MessageBody: '{"a":1}' },
    { QueueUrl: urlOf('tasks-cspd'), MessageBody: '{"a":2}' },
    { QueueUrl: urlOf('tasks-mol'), MessageBody: '{"a":3}' },
  ]);
});

test('shares one look-up between concurrent callers and retries a failed one', async () => {
  sqs.on(GetQueueUrlCommand).rejectsOnce(new QueueDoesNotExist({ message: 'no queue', $metadata: {} })).resolves({ QueueUrl: urlOf('tasks-cspd') });
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm' });
  const adapter = queues();

  await expect(adapter.send('tasks-cspd', 'x')).rejects.toBeInstanceOf(QueueDoesNotExist);
  await Promise.all([adapter.send('tasks-cspd', 'y'), adapter.send('tasks-cspd', 'z')]);

  expect(sqs.commandCalls(GetQueueUrlCommand)).toHaveLength(2);
  expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(2);
});

test('uses the given URL resolver instead of GetQueueUrl', async () => {
  sqs.on(SendMessageCommand).resolves({ MessageId: 'm' });
  const resolve = jest.fn(async (name: string) => `https://example.test/${name}`);
  const adapter = sqsQueues(new SQSClient({ region: 'eu-west-1' }), resolve);

  await adapter.send('tasks-cspd', 'x');
  await adapter.send('tasks-cspd', 'y');

  expect(resolve).toHaveBeenCalledTimes(1);
  expect(sqs.commandCalls(GetQueueUrlCommand)).toHaveLength(0);
  expect(sqs.commandCalls(SendMessageCommand)[0]!.args[0].input).toEqual({ QueueUrl: 'https://example.test/tasks-cspd', MessageBody: 'x' });
});

test('redrives the DLQ by its ARN and reports the messages it held', async () => {
  const arn = 'arn:aws:sqs:eu-west-1:123456789012:tasks-cspd-dlq';
  sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: arn, ApproximateNumberOfMessages: '4' } });
  sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'h' });

  await expect(queues().redrive('tasks-cspd-dlq')).resolves.toEqual({ moved: 4 });

  expect(sqs.commandCalls(GetQueueAttributesCommand)[0]!.args[0].input).toEqual({
    QueueUrl: urlOf('tasks-cspd-dlq'),
    AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'],
  });
  // No DestinationArn: each message goes back to the queue it was dead-lettered from.
  expect(sqs.commandCalls(StartMessageMoveTaskCommand).map((call) => call.args[0].input)).toEqual([{ SourceArn: arn }]);
});

test('fails a redrive when SQS gives no ARN, without starting a move', async () => {
  sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '1' } });

  await expect(queues().redrive('tasks-cspd-dlq')).rejects.toThrow(/no ARN/);
  expect(sqs.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
});

test('reads depth from the approximate counts, missing ones as zero', async () => {
  sqs
    .on(GetQueueAttributesCommand)
    .resolvesOnce({ Attributes: { ApproximateNumberOfMessages: '7', ApproximateNumberOfMessagesNotVisible: '2' } })
    .resolvesOnce({});
  const adapter = queues();

  await expect(adapter.depth('tasks-cspd')).resolves.toEqual({ visible: 7, inFlight: 2 });
  await expect(adapter.depth('tasks-cspd')).resolves.toEqual({ visible: 0, inFlight: 0 });
  expect(sqs.commandCalls(GetQueueAttributesCommand)[0]!.args[0].input).toEqual({
    QueueUrl: urlOf('tasks-cspd'),
    AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
  });
  expect(sqs.commandCalls(GetQueueUrlCommand)).toHaveLength(1);
});
