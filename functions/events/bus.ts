// Port of the bus the applications outbox is published to (EventBridge in AWS, in-process locally). No AWS types.
import type { DomainEvent } from '../../schemas/applications';

/** EventBridge `detail-type` of an event: rules match on it. */
export const detailType = (event: DomainEvent): string => event.type;

export interface EventBus {
  /** Publishes in order; on failure throws PublishFailed, and the events before `firstFailedIndex` are published. */
  publish(events: readonly DomainEvent[]): Promise<void>;
}

/** Carries counts only: event bodies may hold personal data. */
export class PublishFailed extends Error {
  override readonly name = 'PublishFailed';

  constructor(
    readonly failedCount: number,
    readonly firstFailedIndex: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
