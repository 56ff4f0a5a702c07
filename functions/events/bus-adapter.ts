// The one place the event bus is chosen: EventBridge in AWS, or the bus the local cloud installs.
import { adapterSlot } from '../shared/adapter-slot';
import type { EventBus } from './bus';
import { environment } from '../shared/environment';

const slot = adapterSlot<EventBus>(async () => {
  const name = environment().EVENT_BUS_NAME;
  if (!name) {
    throw new Error('EVENT_BUS_NAME is not set and no local event bus is installed');
  }
  const { eventBridgeBus } = await import('./eventbridge-bus');
  return eventBridgeBus(name);
});

/** The local cloud installs its in-process bus at start. */
export const installEventBus = slot.install;

/** Delegates to the installed bus, or to EventBridge. */
export const eventBus: EventBus = {
  publish: async (events) => (await slot.get()).publish(events),
};
