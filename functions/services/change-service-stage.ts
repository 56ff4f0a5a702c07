import { changeServiceStageRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { catalogueDeps } from './deps';
import { changeStage } from './domain/catalogue';

export const handler = httpHandler(changeServiceStageRoute, async ({ params, body, caller }) => {
  return { body: await changeStage(catalogueDeps, params.serviceId, body.stage, body.expectedVersion, caller) };
});
