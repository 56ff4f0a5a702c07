import { listServicesRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { memoize } from '../shared/memo';
import { cacheSeconds, catalogueDeps } from './deps';
import { listServices, type CatalogueDeps } from './domain/catalogue';

/** The listing over a catalogue, kept in memory for `cache.seconds` by `cache.now`'s clock (a test's, or the real one). */
export function listServicesHandler(deps: Pick<CatalogueDeps, 'catalogue'>, cache: { readonly seconds: number; readonly now?: () => number }) {
  const summaries = memoize(() => deps.catalogue.listSummaries(), cache.seconds, cache.now);
  return httpHandler(listServicesRoute, async ({ query }) => ({
    body: await listServices(await summaries(), query),
    headers: { 'cache-control': `public, max-age=${cache.seconds}` },
  }));
}

export const handler = listServicesHandler(catalogueDeps, { seconds: cacheSeconds });
