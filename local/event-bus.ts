// The event bus of the local cloud: in-process subscribers, and every published event appended to a JSON Lines file.
import { mkdirSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import type { EventBus } from '../functions/events/bus';
import type { DomainEvent } from '../schemas/applications';

export type EventSubscriber = (event: DomainEvent) => void | Promise<void>;

export class LocalEventBus implements EventBus {
  private subscribers: readonly EventSubscriber[] = [];

  /** @param file e.g. `<dataDir>/events/events.jsonl`; its folder is created. */
  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  /** Returns the unsubscribe function. */
  subscribe(subscriber: EventSubscriber): () => void {
    this.subscribers = [...this.subscribers, subscriber];
    return () => {
      this.subscribers = this.subscribers.filter((other) => other !== subscriber);
    };
  }

  /** Like EventBridge, a failing subscriber neither fails the publication nor keeps the event from the others. */
  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (!events.length) {
      return;
    }
    await appendFile(this.file, events.map((event) => `${JSON.stringify(event)}\n`).join(''));
    const subscribers = this.subscribers;
    for (const event of events) {
      for (const subscriber of subscribers) {
        try {
          await subscriber(event);
        } catch (error) {
          process.stderr.write(`[event-bus] subscriber failed on ${event.type} ${event.eventId}: ${(error as Error).message}\n`);
        }
      }
    }
  }
}
