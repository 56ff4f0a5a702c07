import { listServiceVersionsRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { listServiceVersions } from './domain/registry';

export const handler = httpHandler(listServiceVersionsRoute, async ({ params, query }) => ({
  body: await listServiceVersions(registryDeps, params.serviceId, query),
}));
