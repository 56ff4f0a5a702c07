import { changeServiceStageRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { scoped } from '../registry/context';
import { registryDeps } from './deps';
import { changeStage } from './domain/registry';

export const handler = httpHandler(changeServiceStageRoute, async ({ params, body, caller, requestId }) => {
  // Staff must be linked and MFA-enrolled, like on every other staff route.
  await scoped(caller, requestId);
  return { body: await changeStage(registryDeps, params.serviceId, body.stage, body.expectedVersion, caller) };
});
