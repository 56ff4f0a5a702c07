import { listLifeEventsRoute } from '../../lib/catalogue/bundles';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';

export const handler = httpHandler(listLifeEventsRoute, async () => ({
  body: { items: await registryDeps.catalogue.listLifeEvents() },
  headers: { 'cache-control': 'public, max-age=300' },
}));
