import { listMyApplicationsRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { applicationDeps } from './deps';
import { listMyApplications } from './domain/applications';

export const handler = httpHandler(listMyApplicationsRoute, async ({ query, principal }) => {
  return { body: await listMyApplications(applicationDeps, principal, query) };
});
