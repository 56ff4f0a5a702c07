import { verifyAuditRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { verifyTrail } from './domain/audit-trail';

export const handler = httpHandler(verifyAuditRoute, async ({ query }) => {
  return { body: await verifyTrail(registryDeps, query.subject) };
});
