import { getBundleRoute } from '../../lib/catalogue/bundles';
import { httpHandler } from '../shared/http';
import { bundleDeps } from './bundle-deps';
import { getBundle } from './domain/bundles';

export const handler = httpHandler(getBundleRoute, async ({ params, principal }) => {
  return { body: await getBundle(bundleDeps, principal, params.bundleId) };
});
