import { listLifeEventsRoute } from '../../lib/catalogue/bundles';
import { httpHandler } from '../shared/http';
import { catalogueDeps } from './deps';

export const handler = httpHandler(listLifeEventsRoute, async () => ({
  body: { items: await catalogueDeps.catalogue.listLifeEvents() },
  headers: { 'cache-control': 'public, max-age=300' },
}));
