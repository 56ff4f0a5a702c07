import { rateApplicationRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { ratingDeps } from './deps';
import { rateApplication } from './domain/feedback';

const deps = ratingDeps();

export const handler = httpHandler(rateApplicationRoute, async ({ params, body, principal }) => {
  return { body: await rateApplication(deps, principal, params.applicationId, body) };
});
