import { cancelApplicationRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { applicationDeps } from './deps';
import { cancelApplication } from './domain/applications';

export const handler = httpHandler(cancelApplicationRoute, async ({ params, body, principal }) => {
  return { body: await cancelApplication(applicationDeps, principal, params.applicationId, body.reason) };
});
