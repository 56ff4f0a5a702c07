import { listAgenciesRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { memoize } from '../shared/memo';
import { cacheSeconds, catalogueDeps } from './deps';
import { byCodeUnit } from '../shared/order';

const agencies = memoize(() => catalogueDeps.catalogue.listAgencies(), cacheSeconds);

export const handler = httpHandler(listAgenciesRoute, async () => ({
  body: { items: [...(await agencies())].sort((a, b) => byCodeUnit(a.agencyId, b.agencyId)) },
  headers: { 'cache-control': `public, max-age=${cacheSeconds}` },
}));
