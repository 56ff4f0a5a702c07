import { listMyApplicationsRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { applicationDeps } from './deps';
import { listMyApplications } from './domain/applications';

export const handler = httpHandler(listMyApplicationsRoute, async ({ query, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await listMyApplications(applicationDeps, principal, query) };
});
