import { getApplicationRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { applicationDeps } from './deps';
import { getApplication } from './domain/applications';

export const handler = httpHandler(getApplicationRoute, async ({ params, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await getApplication(applicationDeps, principal, params.applicationId) };
});
