import { getApplicationRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { applicationDeps } from './deps';
import { getApplication } from './domain/applications';

export const handler = httpHandler(getApplicationRoute, async ({ params, principal }) => {
  return { body: await getApplication(applicationDeps, principal, params.applicationId) };
});
