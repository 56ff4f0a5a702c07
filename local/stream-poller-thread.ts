// The DynamoDB stream pollers on a thread of their own. In AWS, Lambda's event source mapping reads the streams on
// AWS's side, never on the API's; here, polling each shard 4 times a second (GetRecords, a fresh iterator for an
// unread shard, the shard list every 5 s, with the SDK's work for each) took 45 to 60 ms of CPU a second on the
// thread that serves the API, idle or not (bench/PERFORMANCE.md). The worker thread runs the pollers unchanged
// (local/stream-poller.ts: shards, iterators, checkpoints); each batch comes back to this thread, where the stream's
// Lambda handler runs beside the rest of the local cloud as before, and its answer goes back to the poller.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamPoller, StreamPollerOptions } from './stream-poller';

export type PollerSettings = Omit<StreamPollerOptions, 'handler'>;
export type ToPollerThread =
  | { readonly type: 'start'; readonly id: number; readonly settings: PollerSettings }
  | { readonly type: 'stop'; readonly id: number }
  | { readonly type: 'handled'; readonly batch: number; readonly response?: DynamoDBBatchResponse | void; readonly error?: { name: string; message: string } };
export type FromPollerThread =
  | { readonly type: 'started'; readonly id: number; readonly error?: string }
  | { readonly type: 'stopped'; readonly id: number }
  | { readonly type: 'batch'; readonly id: number; readonly batch: number; readonly event: DynamoDBStreamEvent };

interface Waiting {
  resolve(): void;
  reject(error: Error): void;
  readonly stopping: boolean;
}

/** One worker thread for every stream poller of the local cloud. */
export class StreamPollerThread {
  private readonly worker: Worker;
  private readonly handlers = new Map<number, StreamPollerOptions['handler']>();
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;
  /** Once the thread has ended (closed, or failed), stopping a poller has nothing left to wait for. */
  private ended = false;

  constructor() {
    // The worker loads TypeScript as this process does (tsx registered in it: a worker does not inherit the hooks).
    const entry = path.join(__dirname, 'stream-poller-worker.ts');
    this.worker = new Worker(`require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(entry)});`, { eval: true });
    this.worker.on('message', (message: FromPollerThread) => this.receive(message));
    // Like the pollers' timers before: the thread alone does not keep the process alive.
    this.worker.unref();
    this.worker.on('error', (error) => process.stderr.write(`[stream-poller] the pollers' thread failed: ${error.stack ?? error.message}\n`));
    this.worker.on('exit', () => this.end());
  }

  /** Starts a poller on the thread; fails as startStreamPoller does (no table, no stream). */
  async start(options: StreamPollerOptions): Promise<StreamPoller> {
    const { handler, ...settings } = options;
    const id = this.nextId++;
    this.handlers.set(id, handler);
    await this.request(id, { type: 'start', id, settings });
    let stopping: Promise<void> | undefined;
    // Stopped twice (a harness stopping the workers, then the whole cloud), it waits only once.
    return { stop: () => (stopping ??= this.request(id, { type: 'stop', id }).finally(() => this.handlers.delete(id))) };
  }

  /** Ends the thread (stop its pollers first: a poller stopped mid-batch would lose nothing, but its checkpoint would wait). */
  async close(): Promise<void> {
    await this.worker.terminate();
    this.end();
  }

  private request(id: number, message: ToPollerThread): Promise<void> {
    if (this.ended) {
      return message.type === 'stop' ? Promise.resolve() : Promise.reject(new Error("the pollers' thread has ended"));
    }
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, stopping: message.type === 'stop' });
      this.worker.postMessage(message);
    });
  }

  /** The thread is gone: a stop waiting for it is done, a start failed. */
  private end(): void {
    this.ended = true;
    for (const waiting of this.waiting.values()) {
      if (waiting.stopping) {
        waiting.resolve();
      } else {
        waiting.reject(new Error("the pollers' thread has ended"));
      }
    }
    this.waiting.clear();
  }

  private receive(message: FromPollerThread): void {
    if (message.type === 'batch') {
      void this.handle(message.id, message.batch, message.event);
      return;
    }
    const waiting = this.waiting.get(message.id);
    this.waiting.delete(message.id);
    if (message.type === 'started' && message.error) {
      this.handlers.delete(message.id);
      waiting?.reject(new Error(message.error));
    } else {
      waiting?.resolve();
    }
  }

  private async handle(id: number, batch: number, event: DynamoDBStreamEvent): Promise<void> {
    const handler = this.handlers.get(id);
    try {
      const response = handler ? await handler(event) : undefined;
      this.worker.postMessage({ type: 'handled', batch, response } satisfies ToPollerThread);
    } catch (error) {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      this.worker.postMessage({ type: 'handled', batch, error: { name, message } } satisfies ToPollerThread);
    }
  }
}
