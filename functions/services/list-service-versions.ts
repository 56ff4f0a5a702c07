import { listServiceVersionsRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { catalogueDeps } from './deps';
import { listServiceVersions } from './domain/catalogue';

export const handler = httpHandler(listServiceVersionsRoute, async ({ params, query }) => ({
  body: await listServiceVersions(catalogueDeps, params.serviceId, query),
}));
