// The local cloud's SQS: visibility timeouts, dead-letter queues and redrive on an injected clock, and the emulated
// Lambda event source mapping (partial batch responses, throwing handlers, stop).
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { LocalQueues, localQueueArn, QueueDoesNotExist } from '../../local/queue';

const VISIBILITY_MS = 1000;
let time: number;
let log: jest.Mock<void, [string]>;
let queues: LocalQueues;

beforeEach(() => {
  time = 1_000_000;
  log = jest.fn();
  queues = new LocalQueues({ visibilityTimeoutMs: VISIBILITY_MS, maxReceiveCount: 2, now: () => time, log });
  queues.createQueue('tasks', { deadLetterQueue: 'tasks-dlq' });
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const isEmpty = async (name: string) => {
  const { visible, inFlight } = await queues.depth(name);
  return visible + inFlight === 0;
};

describe('queue semantics', () => {
  test('hides a received message for the visibility timeout, then delivers it again, in send order', async () => {
    const first = await queues.send('tasks', 'a');
    await queues.send('tasks', 'b');

    const [received] = queues.receive('tasks', 1);
    expect(received).toMatchObject({ messageId: first.messageId, body: 'a', receiveCount: 1, sentTimestamp: time });
    expect(queues.receive('tasks', 1).map((m) => m.body)).toEqual(['b']);
    expect(queues.receive('tasks')).toEqual([]);
    await expect(queues.depth('tasks')).resolves.toEqual({ visible: 0, inFlight: 2 });

    time += VISIBILITY_MS - 1;
    expect(queues.receive('tasks')).toEqual([]);
    time += 1;
    const again = queues.receive('tasks');
    expect(again.map((m) => [m.body, m.receiveCount])).toEqual([['a', 2], ['b', 2]]);
    expect(again[0]!.receiptHandle).not.toBe(received!.receiptHandle);
  });

  test('never delivers a deleted message again, and ignores stale receipt handles', async () => {
    await queues.send('tasks', 'a');
    const stale = queues.receive('tasks')[0]!;
    time += VISIBILITY_MS;
    const latest = queues.receive('tasks')[0]!;

    expect(queues.deleteMessage('tasks', stale.receiptHandle)).toBe(false);
    expect(queues.deleteMessage('tasks', latest.receiptHandle)).toBe(true);
    time += 10 * VISIBILITY_MS;
    expect(queues.receive('tasks')).toEqual([]);
    await expect(queues.depth('tasks')).resolves.toEqual({ visible: 0, inFlight: 0 });
  });

  test('changes the visibility of an in-flight message only', async () => {
    await queues.send('tasks', 'a');
    const { receiptHandle } = queues.receive('tasks')[0]!;

    expect(queues.changeVisibility('tasks', receiptHandle, 0)).toBe(true);
    expect(queues.changeVisibility('tasks', receiptHandle, 0)).toBe(false);
    expect(queues.receive('tasks')[0]).toMatchObject({ body: 'a', receiveCount: 2 });
  });

  test('moves a poison message to the DLQ instead of delivering it beyond maxReceiveCount', async () => {
    const { messageId } = await queues.send('tasks', 'poison');
    for (let attempt = 1; attempt <= 2; attempt += 1) {
      expect(queues.receive('tasks')[0]).toMatchObject({ messageId, receiveCount: attempt });
      time += VISIBILITY_MS;
    }

    expect(queues.receive('tasks')).toEqual([]);
    expect(queues.peekDeadLetters('tasks-dlq')).toEqual([{ messageId, body: 'poison', receiveCount: 2, sentTimestamp: expect.any(Number), sourceQueue: 'tasks' }]);
    await expect(queues.depth('tasks')).resolves.toEqual({ visible: 0, inFlight: 0 });
    await expect(queues.depth('tasks-dlq')).resolves.toEqual({ visible: 1, inFlight: 0 });
  });

  test('redrives dead letters to their source queue with the receive count reset', async () => {
    queues.createQueue('other', { deadLetterQueue: 'tasks-dlq' });
    await queues.send('tasks', 'from tasks');
    await queues.send('other', 'from other');
    for (let attempt = 0; attempt <= 2; attempt += 1) {
      queues.receive('tasks');
      queues.receive('other');
      time += VISIBILITY_MS;
    }
    expect(queues.peekDeadLetters('tasks-dlq').map((m) => m.sourceQueue)).toEqual(['tasks', 'other']);

    await expect(queues.redrive('tasks-dlq')).resolves.toEqual({ moved: 2 });

    expect(queues.peekDeadLetters('tasks-dlq')).toEqual([]);
    expect(queues.receive('tasks')).toEqual([expect.objectContaining({ body: 'from tasks', receiveCount: 1 })]);
    expect(queues.receive('other')).toEqual([expect.objectContaining({ body: 'from other', receiveCount: 1 })]);
    await expect(queues.redrive('tasks')).rejects.toThrow(/not the dead-letter queue/);
  });

  test('keeps messages without a dead-letter queue forever', async () => {
    queues.createQueue('plain');
    await queues.send('plain', 'a');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect(queues.receive('plain')[0]).toMatchObject({ receiveCount: attempt });
      time += VISIBILITY_MS;
    }
  });

  test('validates like SQS', async () => {
    expect(() => queues.createQueue('tasks', { deadLetterQueue: 'tasks-dlq' })).not.toThrow();
    expect(() => queues.createQueue('tasks', { visibilityTimeoutMs: 5 })).toThrow(/other settings/);
    expect(() => queues.createQueue('bad name')).toThrow(/Invalid queue name/);
    await expect(queues.send('missing', 'a')).rejects.toBeInstanceOf(QueueDoesNotExist);
    await expect(queues.send('tasks', '')).rejects.toThrow(/Invalid message body/);
    await expect(queues.send('tasks', 'x'.repeat(256 * 1024 + 1))).rejects.toThrow(/Invalid message body/);
    await expect(queues.send('tasks', 'bell \u0007')).rejects.toThrow(/Invalid message body/);
    expect(() => queues.receive('tasks', 11)).toThrow(RangeError);
  });
});

describe('event source mapping', () => {
  const bodies = (event: SQSEvent) => event.Records.map((record) => record.body);

  test('delivers SQS events, deletes successes and redelivers the failures after the visibility timeout', async () => {
    const events: SQSEvent[] = [];
    const stop = queues.consume(
      'tasks',
      async (event): Promise<SQSBatchResponse> => {
        events.push(event);
        const failed = events.length === 1 ? event.Records.filter((record) => record.body === 'b') : [];
        return { batchItemFailures: failed.map((record) => ({ itemIdentifier: record.messageId })) };
      },
      { pollIntervalMs: 5 },
    );
    try {
      const sent = [await queues.send('tasks', 'a'), await queues.send('tasks', 'b'), await queues.send('tasks', 'c')];
      await waitFor(() => events.length === 1);
      await expect(queues.depth('tasks')).resolves.toEqual({ visible: 0, inFlight: 1 });

      time += VISIBILITY_MS;
      await waitFor(() => isEmpty('tasks'));

      expect(events.map(bodies)).toEqual([['a', 'b', 'c'], ['b']]);
      const [record] = events[1]!.Records;
      expect(record).toEqual({
        messageId: sent[1]!.messageId,
        receiptHandle: expect.any(String),
        body: 'b',
        attributes: {
          ApproximateReceiveCount: '2',
          SentTimestamp: String(time - VISIBILITY_MS),
          SenderId: expect.any(String),
          ApproximateFirstReceiveTimestamp: String(time - VISIBILITY_MS),
        },
        messageAttributes: {},
        md5OfBody: '92eb5ffee6ae2fec3ad71c777531578f',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:local:000000000000:tasks',
        awsRegion: 'local',
      });
      expect(localQueueArn('tasks')).toBe(record!.eventSourceARN);
    } finally {
      await stop();
    }
  });

  test('keeps the whole batch when the handler throws, and logs one line without bodies', async () => {
    const events: SQSEvent[] = [];
    const stop = queues.consume(
      'tasks',
      async (event) => {
        events.push(event);
        if (events.length === 1) {
          throw new SyntaxError(`Unexpected token in ${event.Records[0]!.body}`);
        }
      },
      { pollIntervalMs: 5 },
    );
    try {
      await queues.send('tasks', 'secret-1');
      await queues.send('tasks', 'secret-2');
      await waitFor(() => events.length === 1 && log.mock.calls.length === 1);
      await expect(queues.depth('tasks')).resolves.toEqual({ visible: 0, inFlight: 2 });

      time += VISIBILITY_MS;
      await waitFor(() => isEmpty('tasks'));

      expect(events.map(bodies)).toEqual([['secret-1', 'secret-2'], ['secret-1', 'secret-2']]);
      expect(events[1]!.Records.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(['2', '2']);
      expect(log).toHaveBeenCalledTimes(1);
      expect(log.mock.calls[0]![0]).toMatch(/tasks: handler threw SyntaxError/);
      expect(log.mock.calls[0]![0]).not.toMatch(/secret/);
    } finally {
      await stop();
    }
  });

  test('retries the whole batch when batchItemFailures names an unknown message, as Lambda does', async () => {
    let calls = 0;
    const stop = queues.consume(
      'tasks',
      async () => {
        calls += 1;
        return { batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] };
      },
      { pollIntervalMs: 5 },
    );
    try {
      await queues.send('tasks', 'a');
      await waitFor(() => calls === 1);
      await expect(queues.depth('tasks')).resolves.toEqual({ visible: 0, inFlight: 1 });
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/invalid batchItemFailures/));
    } finally {
      await stop();
    }
  });

  test('consumes redriven dead letters', async () => {
    const { messageId } = await queues.send('tasks', 'poison');
    for (let attempt = 0; attempt <= 2; attempt += 1) {
      queues.receive('tasks');
      time += VISIBILITY_MS;
    }
    await queues.redrive('tasks-dlq');

    const events: SQSEvent[] = [];
    const stop = queues.consume('tasks', async (event) => void events.push(event), { pollIntervalMs: 5 });
    try {
      await waitFor(() => events.length === 1);
      expect(events[0]!.Records[0]).toMatchObject({ messageId, body: 'poison', attributes: { ApproximateReceiveCount: '1' } });
      await waitFor(() => isEmpty('tasks'));
    } finally {
      await stop();
    }
  });

  test('stop() waits for the batch in flight and polls no more', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const events: SQSEvent[] = [];
    const stop = queues.consume(
      'tasks',
      async (event) => {
        events.push(event);
        await released;
      },
      { batchSize: 1, pollIntervalMs: 5 },
    );
    await queues.send('tasks', 'a');
    await waitFor(() => events.length === 1);

    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    // A stop that did not wait would have resolved by the next turn of the event loop.
    await new Promise(setImmediate);
    expect(stopped).toBe(false);

    await queues.send('tasks', 'b');
    release();
    await stopping;
    // Had the stopped poller polled again, it would have taken 'b' at once; another consumer finds it there.
    const later: SQSEvent[] = [];
    const stopLater = queues.consume('tasks', async (event) => void later.push(event), { batchSize: 1, pollIntervalMs: 5 });
    try {
      await waitFor(() => later.length === 1);
    } finally {
      await stopLater();
    }
    expect(later.map(bodies)).toEqual([['b']]);
    expect(events.map(bodies)).toEqual([['a']]);
  });
});
