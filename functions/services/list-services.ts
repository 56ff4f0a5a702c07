import { listServicesRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { memoize } from '../shared/memo';
import { cacheSeconds, registryDeps } from './deps';
import { listServices } from './domain/registry';

const summaries = memoize(() => registryDeps.catalogue.listSummaries(), cacheSeconds);

export const handler = httpHandler(listServicesRoute, async ({ query }) => ({
  body: await listServices(await summaries(), query),
  headers: { 'cache-control': `public, max-age=${cacheSeconds}` },
}));
