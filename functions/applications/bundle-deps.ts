// Wiring of the bundles' adapters (module scope: once per cold start).
import { dynamo, requireTable } from '../shared/dynamo';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { applicationDeps } from './deps';
import type { BundleDeps } from './domain/bundles';
import { dynamoBundles } from './dynamo-bundles';

const catalogue = dynamoCatalogue(dynamo, requireTable('catalogue'));

export const bundleDeps: BundleDeps = {
  bundles: dynamoBundles(dynamo, { applications: requireTable('applications'), idempotency: requireTable('idempotency') }),
  lifeEvents: { get: (lifeEventId) => catalogue.getLifeEvent(lifeEventId) },
  applications: applicationDeps,
  now: () => new Date(),
};
