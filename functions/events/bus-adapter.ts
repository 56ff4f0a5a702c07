// The one place the event bus is chosen: EventBridge in AWS, or the bus the local cloud installs.
import type { EventBus } from './bus';

let installed: EventBus | undefined;

/** The local cloud installs its in-process bus at start. */
export function installEventBus(bus: EventBus): void {
  installed = bus;
}

let aws: Promise<EventBus> | undefined;

async function awsBus(): Promise<EventBus> {
  const name = process.env.EVENT_BUS_NAME;
  if (!name) {
    throw new Error('EVENT_BUS_NAME is not set and no local event bus is installed');
  }
  const { eventBridgeBus } = await import('./eventbridge-bus');
  return eventBridgeBus(name);
}

/** Delegates to the installed bus, or to EventBridge. */
export const eventBus: EventBus = {
  publish: async (events) => (installed ?? (await (aws ??= awsBus()))).publish(events),
};
