import { putServiceRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { putService } from './domain/registry';

export const handler = httpHandler(putServiceRoute, async ({ params, body, caller }) => {
  const card = await putService(registryDeps, params.serviceId, body.card, body.expectedVersion, caller);
  return { body: card, status: body.expectedVersion === 0 ? 201 : 200 };
});
