// The local cloud's SQS: in-memory queues with visibility timeouts, receive counts, dead-letter queues and redrive,
// plus an emulated Lambda event source mapping with partial batch responses. Nothing survives a restart.
import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { MessageQueues } from '../functions/shared/queue';

const REGION = 'local';
const ACCOUNT = '000000000000';
/** SQS's default MaximumMessageSize, which the CDK queues keep. */
const MAX_BODY_BYTES = 256 * 1024;
const MAX_VISIBILITY_MS = 12 * 60 * 60 * 1000;
const QUEUE_NAME = /^[\w-]{1,80}$/;
// SQS rejects bodies with characters outside #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF.
const INVALID_BODY = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export const localQueueArn = (queueName: string): string => `arn:aws:sqs:${REGION}:${ACCOUNT}:${queueName}`;

export class QueueDoesNotExist extends Error {
  override readonly name = 'QueueDoesNotExist';
}

export interface LocalQueuesOptions {
  /** @default 30000 */
  readonly visibilityTimeoutMs?: number;
  /** Receives before a message goes to the DLQ (queues with a DLQ only). @default 3 */
  readonly maxReceiveCount?: number;
  /** @default Date.now */
  readonly now?: () => number;
  /** Where consumer failures go, one line each, never with message bodies. @default stderr */
  readonly log?: (line: string) => void;
}

export interface QueueOptions {
  /** Created too if missing; create it first if it needs its own settings. */
  readonly deadLetterQueue?: string;
  readonly visibilityTimeoutMs?: number;
  readonly maxReceiveCount?: number;
}

export interface ReceivedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly receiptHandle: string;
  readonly receiveCount: number;
  readonly sentTimestamp: number;
}

export interface DeadLetter {
  readonly messageId: string;
  readonly body: string;
  readonly receiveCount: number;
  readonly sentTimestamp: number;
  /** The queue it was dead-lettered from; undefined if it was sent to the DLQ directly. */
  readonly sourceQueue?: string;
}

export interface ConsumeOptions {
  /** 1 to 10, as a mapping without a batching window. @default 10 */
  readonly batchSize?: number;
  /** @default 50 */
  readonly pollIntervalMs?: number;
}

export type QueueHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void>;

interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentTimestamp: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  receiptHandle?: string;
  visibleAt: number;
  deadLetteredFrom?: string;
}

interface Queue {
  readonly name: string;
  readonly visibilityTimeoutMs: number;
  readonly maxReceiveCount: number;
  readonly deadLetterQueue?: string;
  /** Insertion order is send order, so visible messages come out first-in first-out. */
  readonly messages: Map<string, StoredMessage>;
}

export class LocalQueues implements MessageQueues {
  private readonly queues = new Map<string, Queue>();
  private readonly visibilityTimeoutMs: number;
  private readonly maxReceiveCount: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(options: LocalQueuesOptions = {}) {
    this.visibilityTimeoutMs = checkVisibility(options.visibilityTimeoutMs ?? 30_000);
    this.maxReceiveCount = checkMaxReceiveCount(options.maxReceiveCount ?? 3);
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** Like CreateQueue: creating an existing queue with the same settings is a no-op, with others an error. */
  createQueue(name: string, options: QueueOptions = {}): void {
    const wanted = {
      name: checkQueueName(name),
      visibilityTimeoutMs: checkVisibility(options.visibilityTimeoutMs ?? this.visibilityTimeoutMs),
      maxReceiveCount: checkMaxReceiveCount(options.maxReceiveCount ?? this.maxReceiveCount),
      deadLetterQueue: options.deadLetterQueue === undefined ? undefined : checkQueueName(options.deadLetterQueue),
    };
    if (wanted.deadLetterQueue === name) {
      throw new Error(`Queue ${name} cannot be its own dead-letter queue`);
    }
    const existing = this.queues.get(name);
    if (existing) {
      const same = (['visibilityTimeoutMs', 'maxReceiveCount', 'deadLetterQueue'] as const).every((key) => existing[key] === wanted[key]);
      if (!same) {
        throw new Error(`Queue ${name} already exists with other settings`);
      }
      return;
    }
    if (wanted.deadLetterQueue && !this.queues.has(wanted.deadLetterQueue)) {
      this.createQueue(wanted.deadLetterQueue);
    }
    this.queues.set(name, { ...wanted, messages: new Map() });
  }

  async send(queueName: string, body: string): Promise<{ messageId: string }> {
    const queue = this.queue(queueName);
    checkBody(body);
    const messageId = randomUUID();
    const now = this.now();
    queue.messages.set(messageId, { messageId, body, sentTimestamp: now, receiveCount: 0, visibleAt: now });
    return { messageId };
  }

  /** Like ReceiveMessage: up to `max` visible messages, hidden for the visibility timeout; poison messages go to the DLQ. */
  receive(queueName: string, max = 10): ReceivedMessage[] {
    return this.take(queueName, max).map(({ messageId, body, receiptHandle, receiveCount, sentTimestamp }) => ({
      messageId,
      body,
      receiptHandle: receiptHandle!,
      receiveCount,
      sentTimestamp,
    }));
  }

  /** Deletes the message if the handle is from its latest receive; stale handles are ignored (false), as in SQS. */
  deleteMessage(queueName: string, receiptHandle: string): boolean {
    const queue = this.queue(queueName);
    const message = findByHandle(queue, receiptHandle);
    return message ? queue.messages.delete(message.messageId) : false;
  }

  /** Hides an in-flight message for `ms` from now (0 makes it visible); false if the handle is stale or the message not in flight. */
  changeVisibility(queueName: string, receiptHandle: string, ms: number): boolean {
    checkVisibility(ms);
    const message = findByHandle(this.queue(queueName), receiptHandle);
    const now = this.now();
    if (!message || message.visibleAt <= now) {
      return false;
    }
    message.visibleAt = now + ms;
    return true;
  }

  /** Like a message move task without destination: each message goes back to the queue it came from, receive count reset. */
  async redrive(deadLetterQueueName: string): Promise<{ moved: number }> {
    const deadLetterQueue = this.queue(deadLetterQueueName);
    const sources = [...this.queues.values()].filter((queue) => queue.deadLetterQueue === deadLetterQueueName);
    if (sources.length === 0) {
      throw new Error(`Queue ${deadLetterQueueName} is not the dead-letter queue of any queue`);
    }
    const destination = (message: StoredMessage) => message.deadLetteredFrom ?? (sources.length === 1 ? sources[0]!.name : undefined);
    const stray = [...deadLetterQueue.messages.values()].find((message) => !destination(message));
    if (stray) {
      throw new Error(`Message ${stray.messageId} of ${deadLetterQueueName} has no single source queue to go back to`);
    }
    const now = this.now();
    let moved = 0;
    for (const message of deadLetterQueue.messages.values()) {
      deadLetterQueue.messages.delete(message.messageId);
      const { messageId, body, sentTimestamp } = message;
      this.queue(destination(message)!).messages.set(messageId, { messageId, body, sentTimestamp, receiveCount: 0, visibleAt: now });
      moved += 1;
    }
    return { moved };
  }

  async depth(queueName: string): Promise<{ visible: number; inFlight: number }> {
    const now = this.now();
    let inFlight = 0;
    const { messages } = this.queue(queueName);
    for (const message of messages.values()) {
      inFlight += message.visibleAt > now ? 1 : 0;
    }
    return { visible: messages.size - inFlight, inFlight };
  }

  /** Age of the queue's oldest message, seconds (as SQS's ApproximateAgeOfOldestMessage); undefined when empty. */
  async oldestAgeSeconds(queueName: string): Promise<number | undefined> {
    let oldest: number | undefined;
    for (const message of this.queue(queueName).messages.values()) {
      oldest = Math.min(oldest ?? message.sentTimestamp, message.sentTimestamp);
    }
    return oldest === undefined ? undefined : Math.max(0, Math.floor((this.now() - oldest) / 1000));
  }

  /** The messages of a dead-letter queue, without receiving them. */
  peekDeadLetters(deadLetterQueueName: string): DeadLetter[] {
    return [...this.queue(deadLetterQueueName).messages.values()].map(({ messageId, body, receiveCount, sentTimestamp, deadLetteredFrom }) => ({
      messageId,
      body,
      receiveCount,
      sentTimestamp,
      sourceQueue: deadLetteredFrom,
    }));
  }

  /**
   * Emulates a Lambda SQS event source mapping with ReportBatchItemFailures: one poller, successes deleted,
   * failures (or the whole batch if the handler throws) visible again after the visibility timeout.
   * Returns a stop function that waits for the batch in flight.
   */
  consume(queueName: string, handler: QueueHandler, options: ConsumeOptions = {}): () => Promise<void> {
    const { batchSize = 10, pollIntervalMs = 50 } = options;
    this.queue(queueName);
    checkBatchSize(batchSize);
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let inFlight = Promise.resolve();
    const schedule = (ms: number) => {
      if (!stopped) {
        timer = setTimeout(poll, ms);
        timer.unref();
      }
    };
    const poll = () => {
      const batch = this.take(queueName, batchSize);
      if (batch.length === 0) {
        schedule(pollIntervalMs);
        return;
      }
      // A full queue is drained without waiting, as the mapping's pollers do.
      inFlight = this.deliver(queueName, batch, handler).then(
        () => schedule(0),
        () => schedule(pollIntervalMs),
      );
    };
    schedule(0);
    return async () => {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    };
  }

  private take(queueName: string, max: number): StoredMessage[] {
    checkBatchSize(max);
    const queue = this.queue(queueName);
    const now = this.now();
    const taken: StoredMessage[] = [];
    for (const message of queue.messages.values()) {
      if (taken.length === max) {
        break;
      }
      if (message.visibleAt > now) {
        continue;
      }
      if (queue.deadLetterQueue && message.receiveCount >= queue.maxReceiveCount) {
        this.deadLetter(queue, message, queue.deadLetterQueue);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
      message.receiptHandle = randomUUID();
      message.visibleAt = now + queue.visibilityTimeoutMs;
      taken.push({ ...message });
    }
    return taken;
  }

  private deadLetter(queue: Queue, message: StoredMessage, deadLetterQueueName: string): void {
    queue.messages.delete(message.messageId);
    const moved = { ...message, receiptHandle: undefined, visibleAt: this.now(), deadLetteredFrom: queue.name };
    this.queue(deadLetterQueueName).messages.set(message.messageId, moved);
  }

  private async deliver(queueName: string, batch: StoredMessage[], handler: QueueHandler): Promise<void> {
    let response: SQSBatchResponse | void;
    try {
      response = await handler({ Records: batch.map((message) => toRecord(queueName, message)) });
    } catch (error) {
      this.log(`local queue ${queueName}: handler threw ${(error as Error)?.name ?? 'a non-error'}; ${batch.length} message(s) retried after the visibility timeout`);
      return;
    }
    const failed = failedIds(response, batch);
    if (!failed) {
      this.log(`local queue ${queueName}: invalid batchItemFailures; ${batch.length} message(s) retried after the visibility timeout`);
      return;
    }
    for (const message of batch) {
      if (!failed.has(message.messageId)) {
        this.deleteMessage(queueName, message.receiptHandle!);
      }
    }
  }

  private queue(name: string): Queue {
    const queue = this.queues.get(name);
    if (!queue) {
      throw new QueueDoesNotExist(`Queue ${name} does not exist`);
    }
    return queue;
  }
}

function toRecord(queueName: string, message: StoredMessage): SQSRecord {
  return {
    messageId: message.messageId,
    receiptHandle: message.receiptHandle!,
    body: message.body,
    attributes: {
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentTimestamp),
      SenderId: ACCOUNT,
      ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp),
      ...(message.deadLetteredFrom && { DeadLetterQueueSourceArn: localQueueArn(message.deadLetteredFrom) }),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(message.body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: localQueueArn(queueName),
    awsRegion: REGION,
  };
}

/** Lambda's reading of a partial batch response: no list is full success; an unknown or empty id fails the whole batch (undefined). */
function failedIds(response: SQSBatchResponse | void, batch: StoredMessage[]): Set<string> | undefined {
  const failures: unknown = response?.batchItemFailures;
  if (failures == null) {
    return new Set();
  }
  if (!Array.isArray(failures)) {
    return undefined;
  }
  const inBatch = new Set(batch.map((message) => message.messageId));
  const ids = failures.map((failure: { itemIdentifier?: unknown } | null) => failure?.itemIdentifier);
  return ids.every((id): id is string => typeof id === 'string' && inBatch.has(id)) ? new Set(ids) : undefined;
}

function findByHandle(queue: Queue, receiptHandle: string): StoredMessage | undefined {
  for (const message of queue.messages.values()) {
    if (message.receiptHandle === receiptHandle) {
      return message;
    }
  }
  return undefined;
}

function checkQueueName(name: string): string {
  if (!QUEUE_NAME.test(name)) {
    throw new Error(`Invalid queue name ${JSON.stringify(name)}: 1 to 80 letters, digits, hyphens or underscores`);
  }
  return name;
}

function checkBody(body: string): void {
  if (body.length === 0 || Buffer.byteLength(body) > MAX_BODY_BYTES || INVALID_BODY.test(body)) {
    throw new Error(`Invalid message body: 1 byte to ${MAX_BODY_BYTES} bytes of characters SQS allows`);
  }
}

function checkVisibility(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_VISIBILITY_MS) {
    throw new RangeError(`Visibility timeout ${ms} ms is outside 0 to 12 hours`);
  }
  return ms;
}

function checkMaxReceiveCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new RangeError(`maxReceiveCount ${count} is outside 1 to 1000`);
  }
  return count;
}

function checkBatchSize(size: number): void {
  if (!Number.isInteger(size) || size < 1 || size > 10) {
    throw new RangeError(`Batch size ${size} is outside 1 to 10`);
  }
}
