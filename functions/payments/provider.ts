// The one place the payment provider is chosen: the provider's endpoint in AWS, the simulator the local cloud installs.
import { adapterSlot } from '../shared/adapter-slot';
import type { BillProvider } from './domain/payments';
import { httpBillProvider } from './http-provider';
import { environment } from '../shared/environment';

const slot = adapterSlot<BillProvider>(async () => {
  const url = environment().PAYMENT_PROVIDER_URL;
  if (!url) {
    throw new Error('PAYMENT_PROVIDER_URL is not set and no local provider is installed');
  }
  return httpBillProvider(() => url);
});

export const installBillProvider = slot.install;

export const billProvider: BillProvider = {
  postBill: async (bill) => (await slot.get()).postBill(bill),
  refund: async (input) => (await slot.get()).refund(input),
  settlement: async (billerId, date) => (await slot.get()).settlement(billerId, date),
};

/** The shared secret of the provider's notification signatures (Secrets Manager in AWS, via the environment). */
export function notificationSecret(): string {
  const secret = environment().PAYMENT_NOTIFICATION_SECRET;
  if (!secret) {
    throw new Error('PAYMENT_NOTIFICATION_SECRET is not set');
  }
  return secret;
}
