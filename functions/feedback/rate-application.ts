import { rateApplicationRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { ratingDeps } from './deps';
import { rateApplication } from './domain/feedback';

const deps = ratingDeps();

export const handler = httpHandler(rateApplicationRoute, async ({ params, body, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await rateApplication(deps, principal, params.applicationId, body) };
});
