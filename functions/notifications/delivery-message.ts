// The message on a delivery queue: `{ notificationId, channel }`, the delivery's key; what to send is in its
// delivery log. Checked by hand, not with zod: the delivery workers bundle neither zod nor schemas/.
import type { DeliveryRef } from './domain/ports';

export const deliveryMessage = (ref: DeliveryRef): string => JSON.stringify({ notificationId: ref.notificationId, channel: ref.channel });

/** The delivery a message names, if it is well formed and for `channel` (each queue carries one channel); undefined otherwise. */
export function parseDeliveryMessage<C extends DeliveryRef['channel']>(body: string, channel: C): (DeliveryRef & { readonly channel: C }) | undefined {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return undefined;
  }
  const { notificationId, channel: sentFor, ...rest } = message as Record<string, unknown>;
  if (typeof notificationId !== 'string' || notificationId === '' || sentFor !== channel || Object.keys(rest).length > 0) {
    return undefined;
  }
  return { notificationId, channel };
}
