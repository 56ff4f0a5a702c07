// An event rule's target in the local cloud, as EventBridge treats it: the events of its types go to the worker,
// a failing delivery is retried (here a few quick tries, not EventBridge's 8 over hours), and an event the worker
// still fails on goes, as the EventBridge event the worker was given, to the worker's failure queue.
import type { DomainEvent } from '../schemas/applications';
import type { MessageQueues } from '../functions/shared/queue';

export interface EventTarget {
  readonly workerId: string;
  readonly detailTypes: readonly string[];
  readonly deliver: (event: DomainEvent) => Promise<unknown>;
  /** The worker's failure queue (its rule's dead-letter queue). */
  readonly failureQueue: string;
  readonly queues: Pick<MessageQueues, 'send'>;
  /** The EventBridge event the worker is given (and the failure queue keeps). */
  readonly asDelivered: (event: DomainEvent) => unknown;
  readonly attempts?: number;
  readonly backoffMs?: number;
  readonly log: (line: string) => void;
}

/** The bus subscriber for one target. */
export function eventTarget(target: EventTarget): (event: DomainEvent) => Promise<void> {
  const attempts = target.attempts ?? 3;
  const backoffMs = target.backoffMs ?? 100;
  return async (event) => {
    if (!target.detailTypes.includes(event.type)) {
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await target.deliver(event);
        return;
      } catch (error) {
        if (attempt >= attempts) {
          target.log(`${target.workerId} failed on event ${event.eventId} (${(error as Error).name}) after ${attempt} attempts: sent to ${target.failureQueue}`);
          await target.queues.send(target.failureQueue, JSON.stringify(target.asDelivered(event)));
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, backoffMs * attempt));
      }
    }
  };
}
