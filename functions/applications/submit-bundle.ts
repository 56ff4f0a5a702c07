import { submitBundleRoute } from '../../lib/catalogue/bundles';
import { idempotencyKeyOf } from '../shared/idempotency';
import { httpHandler } from '../shared/http';
import { bundleDeps } from './bundle-deps';
import { scoped } from './context';
import { submitBundle } from './domain/bundles';

export const handler = httpHandler(submitBundleRoute, async ({ body, caller, requestId, headers }) => {
  const key = idempotencyKeyOf(headers);
  const { principal, context } = await scoped(caller, requestId);
  const { bundle, replayed } = await submitBundle(bundleDeps, principal, body, key, context);
  return { body: bundle, status: replayed ? 200 : 201, headers: { 'idempotent-replayed': String(replayed) } };
});
