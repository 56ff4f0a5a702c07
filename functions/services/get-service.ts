import { getServiceRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { catalogueDeps } from './deps';
import { getService } from './domain/catalogue';

export const handler = httpHandler(getServiceRoute, async ({ params, query }) => ({
  body: await getService(catalogueDeps, params.serviceId, query.version),
}));
