// Wiring of the service catalogue's adapters, shared by its handlers (module scope: once per cold start).
import { dynamo, requireTable } from '../shared/dynamo';
import { dynamoCatalogue } from './dynamo-catalogue';
import type { CatalogueDeps } from './domain/catalogue';
import { environment } from '../shared/environment';

export const catalogueDeps: CatalogueDeps = {
  catalogue: dynamoCatalogue(dynamo, requireTable('catalogue')),
  now: () => new Date(),
};

/** Seconds a handler may serve listings from memory: the catalogue's documented freshness bound. */
export const cacheSeconds = environment().CATALOGUE_CACHE_SECONDS;
