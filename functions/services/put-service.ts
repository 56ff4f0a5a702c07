import { putServiceRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { scoped } from '../registry/context';
import { registryDeps } from './deps';
import { putService } from './domain/registry';

export const handler = httpHandler(putServiceRoute, async ({ params, body, caller, requestId }) => {
  // Staff must be linked and MFA-enrolled, like on every other staff route.
  await scoped(caller, requestId);
  const card = await putService(registryDeps, params.serviceId, body.card, body.expectedVersion, caller);
  return { body: card, status: body.expectedVersion === 0 ? 201 : 200 };
});
