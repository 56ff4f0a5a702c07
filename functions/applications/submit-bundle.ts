import { submitBundleRoute } from '../../lib/catalogue/bundles';
import { idempotencyKeyOf } from '../shared/idempotency';
import { httpHandler } from '../shared/http';
import { bundleDeps } from './bundle-deps';
import { submitBundle } from './domain/bundles';

export const handler = httpHandler(submitBundleRoute, async ({ body, headers, principal, context }) => {
  const key = idempotencyKeyOf(headers);
  const { bundle, replayed } = await submitBundle(bundleDeps, principal, body, key, context);
  return { body: bundle, status: replayed ? 200 : 201, headers: { 'idempotent-replayed': String(replayed) } };
});
