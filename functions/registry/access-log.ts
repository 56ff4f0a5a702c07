import { accessLogRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { myAccessLog } from './domain/audit-trail';

export const handler = httpHandler(accessLogRoute, async ({ query, principal }) => {
  return { body: await myAccessLog(registryDeps, principal, query.cursor, query.limit) };
});
