// The one place the payment provider is chosen: the provider's endpoint in AWS, the simulator the local cloud installs.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { adapterSlot } from '../shared/adapter-slot';
import type { BillProvider } from './domain/payments';
import { httpBillProvider } from './http-provider';
import { environment } from '../shared/environment';
import { traced } from '../shared/tracing';

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

const SECRET_CACHE_MS = 5 * 60 * 1000;
let secrets: SecretsManagerClient | undefined;
let cached: { value: string; until: number } | undefined;

/**
 * The shared secret of the provider's notification signatures. Locally the simulator's key is in the environment;
 * in AWS it is in Secrets Manager, read with the function's role and kept five minutes, so a new key is picked up
 * without a deployment. (The Parameters and Secrets extension would keep the SDK client out of the bundle, but
 * CDK knows no arm64 layer of it in me-central-1; the client costs 14 KB.)
 */
export async function notificationSecret(): Promise<string> {
  const env = environment();
  if (env.PAYMENT_NOTIFICATION_SECRET) {
    return env.PAYMENT_NOTIFICATION_SECRET;
  }
  if (!env.PAYMENT_NOTIFICATION_SECRET_ARN) {
    throw new Error('Neither PAYMENT_NOTIFICATION_SECRET nor PAYMENT_NOTIFICATION_SECRET_ARN is set');
  }
  if (cached && cached.until > Date.now()) {
    return cached.value;
  }
  secrets ??= traced(new SecretsManagerClient({}));
  const { SecretString: value } = await secrets.send(new GetSecretValueCommand({ SecretId: env.PAYMENT_NOTIFICATION_SECRET_ARN }));
  if (!value) {
    throw new Error('the payment notification secret has no string value');
  }
  cached = { value, until: Date.now() + SECRET_CACHE_MS };
  return value;
}
