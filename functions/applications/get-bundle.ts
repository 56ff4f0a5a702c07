import { getBundleRoute } from '../../lib/catalogue/bundles';
import { httpHandler } from '../shared/http';
import { bundleDeps } from './bundle-deps';
import { scoped } from './context';
import { getBundle } from './domain/bundles';

export const handler = httpHandler(getBundleRoute, async ({ params, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await getBundle(bundleDeps, principal, params.bundleId) };
});
