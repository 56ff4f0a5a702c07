import { cancelApplicationRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { applicationDeps } from './deps';
import { cancelApplication } from './domain/applications';

export const handler = httpHandler(cancelApplicationRoute, async ({ params, body, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await cancelApplication(applicationDeps, principal, params.applicationId, body.reason) };
});
