// Event-bus consumer: counts each application event once into the KPI aggregates. While a rebuild runs it waits
// (up to WAIT_MS) for it to end; beyond that, or on an event ahead of its submission, it throws and the bus
// delivers the event again.
import type { EventBridgeEvent } from 'aws-lambda';
import type { DomainEvent } from '../../schemas/applications';
import { countingDeps } from './deps';
import { countEvent, RebuildRunning } from './domain/kpis';

const deps = countingDeps();
const WAIT_MS = 20_000;
const POLL_MS = 250;

export async function handler(event: EventBridgeEvent<string, DomainEvent>): Promise<void> {
  const giveUpAt = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await countEvent(deps, event.detail);
      return;
    } catch (error) {
      if (!(error instanceof RebuildRunning) || Date.now() >= giveUpAt) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
