import { submitBundleRoute } from '../../lib/catalogue/bundles';
import { BadRequest } from '../shared/errors';
import { httpHandler } from '../shared/http';
import { bundleDeps } from './bundle-deps';
import { scoped } from './context';
import { submitBundle } from './domain/bundles';

const KEY = /^[A-Za-z0-9_-]{8,64}$/;

export const handler = httpHandler(submitBundleRoute, async ({ body, caller, requestId, headers }) => {
  const key = headers['idempotency-key'];
  if (!key || !KEY.test(key)) {
    throw new BadRequest('idempotency_key_required', 'Send an Idempotency-Key header: 8 to 64 letters, digits, - or _');
  }
  const { principal, context } = await scoped(caller, requestId);
  const { bundle, replayed } = await submitBundle(bundleDeps, principal, body, key, context);
  return { body: bundle, status: replayed ? 200 : 201, headers: { 'idempotent-replayed': String(replayed) } };
});
