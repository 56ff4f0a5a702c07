// Sending one email or SMS, with its delivery log: sent; or failed with the reason and retried with exponential
// backoff; after the last attempt, dead-lettered for operators to see. Also the release of SMS held for quiet hours.
import type { DeliveryQueue, DeliveryRef, EmailSender, NotificationStore, SmsSender } from './ports';

/**
 * As long as the worker may run (its timeout), so a sender holding it is alive; shorter than the queue's
 * visibility timeout, so the message of a sender that died finds the lease over when it comes back.
 */
const LEASE_MS = 30_000;
/** Backoff stops growing here (SQS visibility allows 12 hours; a notification that late is not worth more). */
const MAX_BACKOFF_MS = 15 * 60_000;

export interface DeliverDeps {
  readonly store: NotificationStore;
  /** The senders of the channels this worker delivers (each delivery worker has its own channel's only). */
  readonly email?: EmailSender;
  readonly sms?: SmsSender;
  readonly now: () => Date;
  /** Wait before the second attempt; each later one waits twice as long. */
  readonly retryBaseMs: number;
}

export type DeliveryOutcome =
  | { readonly kind: 'sent' }
  /** Already sent, not due, or being sent by another attempt: nothing to do. */
  | { readonly kind: 'skipped' }
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'dead-lettered' };

export const backoffMs = (attempt: number, baseMs: number) => Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS);

/** Error names and messages can quote an address: keep the kind of failure, not whose. */
export function failureReason(error: unknown): string {
  const name = (error as Error | undefined)?.name ?? 'Error';
  const message = String((error as Error | undefined)?.message ?? '')
    .replace(/[^\s@]+@[^\s@]+/g, '<email>')
    .replace(/\+?\d[\d\s-]{6,}\d/g, '<number>')
    .slice(0, 200);
  return message ? `${name}: ${message}` : name;
}

/**
 * Primary course:
 * 1. Claim the delivery for this attempt (one sender at a time; sent ones stay sent).
 * 2. Send it on its channel.
 * 3. Log the outcome: sent; or the failure and its reason, then a retry after the backoff, or, on the last
 *    attempt, dead-lettered (the queue moves the message to its DLQ).
 */
export async function deliver(deps: DeliverDeps, ref: DeliveryRef, attempt: number, maxAttempts: number): Promise<DeliveryOutcome> {
  if (!deps[ref.channel]) {
    // A wiring fault, not a failed send: claim nothing, log nothing.
    throw new Error(`no ${ref.channel} sender here`);
  }
  const now = deps.now();
  const delivery = await deps.store.claim(ref, attempt, now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString());
  if (!delivery) {
    return { kind: 'skipped' };
  }
  try {
    const reference = `${delivery.notificationId}.${delivery.channel}`;
    const { messageId } =
      delivery.channel === 'email'
        ? await deps.email!.send({ to: delivery.to, subject: delivery.subject ?? '', body: delivery.body, language: delivery.language, reference })
        : await deps.sms!.send({ to: delivery.to, body: delivery.body, reference });
    await deps.store.logAttempt(ref, { at: deps.now().toISOString(), status: 'sent', attempt, messageId });
    return { kind: 'sent' };
  } catch (error) {
    const reason = failureReason(error);
    const last = attempt >= maxAttempts;
    await deps.store.logAttempt(ref, { at: deps.now().toISOString(), status: last ? 'dead-lettered' : 'retrying', attempt, reason });
    return last ? { kind: 'dead-lettered' } : { kind: 'retry', delayMs: backoffMs(attempt, deps.retryBaseMs) };
  }
}

/** Scheduled: queues the SMS whose quiet hours are over. Queued before marked, so a crash in between only queues twice. */
export async function releaseDeferred(deps: { store: NotificationStore; queue: DeliveryQueue; now: () => Date }): Promise<{ released: number }> {
  const now = deps.now().toISOString();
  let released = 0;
  let after: string | undefined;
  do {
    const page = await deps.store.dueDeferred(now, 100, after);
    for (const delivery of page.items) {
      await deps.queue.enqueue({ notificationId: delivery.notificationId, channel: delivery.channel });
      await deps.store.released(delivery, now);
    }
    released += page.items.length;
    after = page.last;
  } while (after);
  return { released };
}
