import { putServiceRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { catalogueDeps } from './deps';
import { putService } from './domain/catalogue';

export const handler = httpHandler(putServiceRoute, async ({ params, body, caller }) => {
  const card = await putService(catalogueDeps, params.serviceId, body.card, body.expectedVersion, caller);
  return { body: card, status: body.expectedVersion === 0 ? 201 : 200 };
});
