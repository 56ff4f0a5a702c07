import { queryAuditRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { readTrail } from './domain/audit-trail';

export const handler = httpHandler(queryAuditRoute, async ({ query }) => {
  return { body: await readTrail(registryDeps, query.subject, query.cursor, query.limit) };
});
