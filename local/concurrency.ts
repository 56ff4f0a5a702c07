// Lambda's per-function concurrency, as the local cloud models it. In AWS each function runs at most its
// concurrency of invocations at once, each in its own sandbox; past it, an invocation is throttled and API
// Gateway answers 429. Locally every handler shares one process, so instead of letting a burst pile up in it
// (each invocation then slower than its function's timeout: the 500s of an unbounded storm), at most `perFunction`
// invocations of a function run at once, up to `queue` more wait their turn (their timeout starts when they run,
// as an invocation's does), and the rest are throttled: 429 with Retry-After.

export interface ConcurrencyLimits {
  /** Invocations of one function running at once (a function's concurrency, scaled to one shared process). */
  readonly perFunction: number;
  /** Invocations of one function waiting for a turn before the next is throttled. */
  readonly queue: number;
}

/** Enough for the bench's 10 connections per route and the integration tests' bursts; a storm of hundreds throttles. */
export const defaultConcurrency: ConcurrencyLimits = { perFunction: 10, queue: 100 };

/** Seconds a throttled client is told to wait. */
export const THROTTLE_RETRY_AFTER_SECONDS = 1;

interface Slots {
  running: number;
  readonly waiting: Array<() => void>;
}

export class FunctionConcurrency {
  private readonly slots = new Map<string, Slots>();
  /** Throttled invocations per function since the start (for logs and the bench). */
  readonly throttled = new Map<string, number>();

  constructor(private readonly limits: ConcurrencyLimits = defaultConcurrency) {}

  /** A turn for one invocation of `functionId`: resolves with its release once it may run, undefined when throttled. */
  async acquire(functionId: string): Promise<(() => void) | undefined> {
    const slots = this.slots.get(functionId) ?? { running: 0, waiting: [] };
    this.slots.set(functionId, slots);
    if (slots.running >= this.limits.perFunction) {
      if (slots.waiting.length >= this.limits.queue) {
        this.throttled.set(functionId, (this.throttled.get(functionId) ?? 0) + 1);
        return undefined;
      }
      await new Promise<void>((resolve) => slots.waiting.push(resolve));
    } else {
      slots.running += 1;
    }
    let released = false;
    return () => {
      if (released) {
        return;
      }
      released = true;
      const next = slots.waiting.shift();
      if (next) {
        next(); // the turn passes on: `running` stays the same
      } else {
        slots.running -= 1;
      }
    };
  }
}
