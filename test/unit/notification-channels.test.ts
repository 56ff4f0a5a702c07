// The delivery channels of the local cloud (files, with their fault switch) and the backoff on SQS (mocked: no
// local engine answers ChangeMessageVisibility by ARN). SES and SNS: notification-aws-senders.test.ts.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { ChannelUnavailable, fileDeliveryChannels } from '../../functions/notifications/file-channels';
import { sqsRetry } from '../../functions/notifications/sqs-retry';

const QUEUE_ARN = 'arn:aws:sqs:me-central-1:123456789012:khidma-prod-notification-deliveries';

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
    await channels.retry.later({ queueArn: 'arn:aws:sqs:local:000000000000:khidma-local-notification-deliveries', receiptHandle: 'r-1' }, 400);
    expect(visibility).toEqual([['khidma-local-notification-deliveries', 'r-1', 400]]);
    expect(channels.retry.baseMs).toBe(200);
  });
});

describe('backoff on SQS', () => {
  it('back off on SQS by setting the visibility timeout of the received message, looking its queue up once', async () => {
    const sqs = mockClient(SQSClient);
    sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: 'https://sqs.me-central-1.amazonaws.com/123456789012/khidma-prod-notification-deliveries' });
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
    const retry = sqsRetry(new SQSClient({ region: 'me-central-1' }), 30_000);
    await retry.later({ queueArn: QUEUE_ARN, receiptHandle: 'r-1' }, 60_000);
    await retry.later({ queueArn: QUEUE_ARN, receiptHandle: 'r-2' }, 100 * 3_600_000);
    expect(sqs.commandCalls(GetQueueUrlCommand).map((call) => call.args[0].input)).toEqual([
      { QueueName: 'khidma-prod-notification-deliveries', QueueOwnerAWSAccountId: '123456789012' },
    ]);
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => [call.args[0].input.ReceiptHandle, call.args[0].input.VisibilityTimeout])).toEqual([
      ['r-1', 60],
      ['r-2', 43_200],
    ]);
    expect(retry.baseMs).toBe(30_000);
    sqs.restore();
  });

});
