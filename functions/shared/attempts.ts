// Attempt limits: counters whose window opens with the first attempt and closes `windowSeconds` later.
import type { TooManyRequests } from './errors';

export interface AttemptWindow {
  /** Attempts counted in the current window, this one included. */
  readonly count: number;
  /** Epoch milliseconds at which the window closes and counting starts again. */
  readonly resetsAt: number;
}

/** Counts an attempt under `key` atomically (DynamoDB in AWS and in the local cloud). */
export interface AttemptCounter {
  count(key: string, windowSeconds: number, now: Date): Promise<AttemptWindow>;
}

export interface AttemptLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

/** Counts the attempt first, so concurrent attempts cannot slip past the limit; refuses with 429 beyond it. */
export async function spendAttempt(
  counter: AttemptCounter,
  key: string,
  limit: AttemptLimit,
  now: Date,
  refusal: (retryAfterSeconds: number) => TooManyRequests,
): Promise<void> {
  const window = await counter.count(key, limit.windowSeconds, now);
  if (window.count > limit.limit) {
    throw refusal(Math.max(1, Math.ceil((window.resetsAt - now.getTime()) / 1000)));
  }
}
