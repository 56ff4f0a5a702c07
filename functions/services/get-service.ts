import { getServiceRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { getService } from './domain/registry';

export const handler = httpHandler(getServiceRoute, async ({ params, query }) => ({
  body: await getService(registryDeps, params.serviceId, query.version),
}));
