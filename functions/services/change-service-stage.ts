import { changeServiceStageRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { changeStage } from './domain/registry';

export const handler = httpHandler(changeServiceStageRoute, async ({ params, body, caller }) => {
  return { body: await changeStage(registryDeps, params.serviceId, body.stage, body.expectedVersion, caller) };
});
