import { listServicesRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { memoize } from '../shared/memo';
import { cacheSeconds, catalogueDeps } from './deps';
import { listServices, type CatalogueDeps } from './domain/catalogue';
import { compileSynonyms } from './domain/search';

/** The listing over a catalogue and its search synonyms, kept in memory for `cache.seconds` by `cache.now`'s clock (a test's, or the real one). */
export function listServicesHandler(deps: Pick<CatalogueDeps, 'catalogue'>, cache: { readonly seconds: number; readonly now?: () => number }) {
  const loaded = memoize(async () => {
    const [summaries, synonyms] = await Promise.all([deps.catalogue.listSummaries(), deps.catalogue.getSynonyms()]);
    return { summaries, synonyms: compileSynonyms(synonyms?.groups ?? []) };
  }, cache.seconds, cache.now);
  return httpHandler(listServicesRoute, async ({ query }) => {
    const { summaries, synonyms } = await loaded();
    return {
      body: await listServices(summaries, query, synonyms),
      headers: { 'cache-control': `public, max-age=${cache.seconds}` },
    };
  });
}

export const handler = listServicesHandler(catalogueDeps, { seconds: cacheSeconds });
