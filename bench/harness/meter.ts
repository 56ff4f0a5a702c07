// What the in-process local cloud does, attributed to the function doing it: each invocation's time and
// DynamoDB capacity (AsyncLocalStorage names the invocation a call runs in), queue messages, bus events, log bytes.
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';

export interface Usage {
  readCapacity: number;
  writeCapacity: number;
  dbCalls: number;
  /** Conditional writes DynamoDB refused: billed (1 WCU counted each) though DynamoDB Local reports no capacity for them. */
  failedConditionalWrites: number;
}

export interface Invocation extends Usage {
  readonly fn: string;
  readonly kind: 'http' | 'worker';
  /** Route key of an HTTP invocation. */
  readonly label?: string;
  readonly parent?: Invocation;
  /** Wall time, then the time of nested invocations (the local bus runs subscribers inside the publisher). */
  ms: number;
  childMs: number;
  /** Milliseconds spent waiting on DynamoDB (each call's round trip, summed: parallel calls count each). */
  dbMs: number;
  status?: number;
  done: boolean;
}

export interface Sample {
  readonly event: unknown;
  readonly ok: boolean;
}

const emptyUsage = (): Usage => ({ readCapacity: 0, writeCapacity: 0, dbCalls: 0, failedConditionalWrites: 0 });

export class Meter {
  private readonly storage = new AsyncLocalStorage<Invocation>();
  readonly invocations: Invocation[] = [];
  /** DynamoDB calls made outside any tracked invocation (the completion task, stream consumers besides the publisher). */
  readonly background: Usage = emptyUsage();
  readonly messages: Array<{ readonly queue: string }> = [];
  readonly events: Array<{ readonly type: string; readonly applicationId?: string }> = [];
  /** Write requests that put outbox items (sk EVT#...), per table: each is one stream batch for a filtered consumer. */
  readonly outboxWrites = new Map<string, number>();
  /** Capacity units per table and per index ("<table> <index>"), read and write, since the start. */
  readonly byIndex = new Map<string, { read: number; write: number }>();
  /** One recorded event per function, a successful one when there was one (the cold-load section replays it). */
  readonly samples = new Map<string, Sample>();
  logBytes = 0;
  private lastActivity = Date.now();

  async track<T>(fn: string, kind: Invocation['kind'], run: () => Promise<T>, label?: string): Promise<T> {
    const parent = this.current();
    const invocation: Invocation = { fn, kind, label, parent, ms: 0, childMs: 0, dbMs: 0, done: false, ...emptyUsage() };
    this.invocations.push(invocation);
    this.touch();
    const started = performance.now();
    try {
      return await this.storage.run(invocation, run);
    } finally {
      invocation.ms = performance.now() - started;
      invocation.done = true;
      if (parent) {
        parent.childMs += invocation.ms;
      }
      this.touch();
    }
  }

  /** The invocation still running in this async context, if any. */
  current(): Invocation | undefined {
    const invocation = this.storage.getStore();
    return invocation && !invocation.done ? invocation : undefined;
  }

  usage(): Usage {
    return this.current() ?? this.background;
  }

  addIndexUnits(key: string, kind: 'read' | 'write', units: number): void {
    const entry = this.byIndex.get(key) ?? { read: 0, write: 0 };
    entry[kind] += units;
    this.byIndex.set(key, entry);
  }

  sample(fn: string, event: unknown, ok: boolean): void {
    const previous = this.samples.get(fn);
    if (!previous || (!previous.ok && ok)) {
      this.samples.set(fn, { event: structuredClone(event), ok });
    }
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  /** Resolves once nothing was invoked, read, written or queued for `quietMs`. */
  async quiet(quietMs: number, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() - this.lastActivity < quietMs) {
      if (Date.now() > deadline) {
        throw new Error(`the local cloud did not settle within ${timeoutMs / 1000} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
