// The delivery channels of the local cloud (files, with their fault switch) and the backoff on SQS (mocked: no
// local engine answers ChangeMessageVisibility by ARN); the delivery queues' message, one channel per queue, and
// what each channel's delivery worker bundles. SES and SNS: notification-aws-senders.test.ts.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { build } from 'esbuild';
import { esbuildOptions } from '../../bench/bundle-options';
import { deliveryQueues, engagementWorkers } from '../../lib/catalogue/workers';
import { deliveryMessage, parseDeliveryMessage } from '../../functions/notifications/delivery-message';
import { ChannelUnavailable, fileDeliveryChannels } from '../../functions/notifications/file-channels';
import { sqsRetry } from '../../functions/notifications/sqs-retry';

const QUEUE_ARN = 'arn:aws:sqs:me-central-1:123456789012:khidma-prod-sms-deliveries';

describe('local file channels', () => {
  const outboxDir = mkdtempSync(path.join(os.tmpdir(), 'khidma-outbox-'));
  const visibility: Array<[string, string, number]> = [];
  const channels = fileDeliveryChannels({ outboxDir, queues: { changeVisibility: (...args) => (visibility.push(args), true) } });
  const lines = (file: string) => readFileSync(path.join(outboxDir, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  afterAll(() => rmSync(outboxDir, { recursive: true, force: true }));

  it('write one readable JSON line per email and SMS', async () => {
    await channels.email.send({ to: 'omar@khidma.example', subject: 'تم استلام طلبك', body: 'نص', language: 'ar', reference: 'N1.email' });
    await channels.sms.send({ to: '+962791234567', body: 'Khidma: received', reference: 'N1.sms' });
    expect(lines('email.jsonl')).toEqual([expect.objectContaining({ to: 'omar@khidma.example', subject: 'تم استلام طلبك', language: 'ar', reference: 'N1.email' })]);
    expect(lines('sms.jsonl')).toEqual([expect.objectContaining({ to: '+962791234567', body: 'Khidma: received', reference: 'N1.sms' })]);
  });

  it('fail while a channel is switched off, for everyone or for the addresses listed', async () => {
    const sms = { to: '+962791234567', body: 'x', reference: 'N2.sms' };
    writeFileSync(path.join(outboxDir, 'sms.fail'), '');
    await expect(channels.sms.send(sms)).rejects.toBeInstanceOf(ChannelUnavailable);
    writeFileSync(path.join(outboxDir, 'sms.fail'), '+962780000000\n+962791234567\n');
    await expect(channels.sms.send(sms)).rejects.toThrow('switched off');
    await expect(channels.sms.send({ ...sms, to: '+962771234567' })).resolves.toEqual({ messageId: expect.any(String) });
    rmSync(path.join(outboxDir, 'sms.fail'));
    await expect(channels.sms.send(sms)).resolves.toEqual({ messageId: expect.any(String) });
    expect(existsSync(path.join(outboxDir, 'email.fail'))).toBe(false);
  });

  it('put a failed message back on the local queue after the backoff', async () => {
    await channels.retry.later({ queueArn: 'arn:aws:sqs:local:000000000000:khidma-local-email-deliveries', receiptHandle: 'r-1' }, 400);
    expect(visibility).toEqual([['khidma-local-email-deliveries', 'r-1', 400]]);
    expect(channels.retry.baseMs).toBe(200);
  });
});

describe('backoff on SQS', () => {
  const sqs = mockClient(SQSClient);
  afterAll(() => sqs.restore());

  it('back off on SQS by setting the visibility timeout of the received message, looking its queue up once', async () => {
    sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: 'https://sqs.me-central-1.amazonaws.com/123456789012/khidma-prod-sms-deliveries' });
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    const retry = sqsRetry(new SQSClient({ region: 'me-central-1' }), 30_000);
    await retry.later({ queueArn: QUEUE_ARN, receiptHandle: 'r-1' }, 60_000);
    await retry.later({ queueArn: QUEUE_ARN, receiptHandle: 'r-2' }, 100 * 3_600_000);
    expect(sqs.commandCalls(GetQueueUrlCommand).map((call) => call.args[0].input)).toEqual([
      { QueueName: 'khidma-prod-sms-deliveries', QueueOwnerAWSAccountId: '123456789012' },
    ]);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => [call.args[0].input.ReceiptHandle, call.args[0].input.VisibilityTimeout])).toEqual([
      ['r-1', 60],
      ['r-2', 43_200],
    ]);
    expect(retry.baseMs).toBe(30_000);
  });

});

describe('the delivery queues', () => {
  it('carry the delivery key, and each worker takes only its own channel', () => {
    const body = deliveryMessage({ notificationId: '01JNOTIFICATION', channel: 'sms' });
    expect(parseDeliveryMessage(body, 'sms')).toEqual({ notificationId: '01JNOTIFICATION', channel: 'sms' });
    expect(parseDeliveryMessage(body, 'email')).toBeUndefined();
    for (const bad of ['not json', 'null', '[]', '"x"', '{}', '{"notificationId":"","channel":"sms"}', '{"notificationId":7,"channel":"sms"}', '{"notificationId":"N","channel":"sms","to":"+962791234567"}']) {
      expect(parseDeliveryMessage(bad, 'sms')).toBeUndefined();
    }
  });

  it('are one per channel, each consumed by one worker that sends on that channel only', () => {
    for (const [channel, queue] of Object.entries(deliveryQueues)) {
      const consumers = engagementWorkers.filter((worker) => worker.trigger.kind === 'queue' && worker.trigger.queue === queue.name);
      expect(consumers.map((worker) => worker.messaging)).toEqual([[channel]]);
    }
    expect(new Set(Object.values(deliveryQueues).map((queue) => queue.name)).size).toBe(2);
  });

  // The bundle budget (bench/budgets.json) has little room for these two: each carries its own provider's
  // SDK, the SQS client of its backoff and DynamoDB, and nothing of the other channel, zod or schemas/.
  it.each([
    ['email', 'client-sesv2', 'client-sns'],
    ['sms', 'client-sns', 'client-sesv2'],
  ])('bundle the %s worker with its own channel only', async (channel, own, other) => {
    const worker = engagementWorkers.find((candidate) => candidate.trigger.kind === 'queue' && candidate.messaging?.includes(channel as 'email' | 'sms'))!;
    const { metafile } = await build({ ...esbuildOptions(worker.entry, path.join(os.tmpdir(), `khidma-${worker.id}.mjs`)), write: false });
    const inputs = Object.keys(metafile!.inputs);
    expect(inputs.some((input) => input.includes(`@aws-sdk/${own}/`))).toBe(true);
    expect(inputs.filter((input) => input.includes(`@aws-sdk/${other}/`) || input.includes('node_modules/zod/') || /^schemas\//.test(input))).toEqual([]);
  });
});
