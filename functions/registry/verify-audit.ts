import { verifyAuditRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { registryDeps } from './deps';
import { verifyTrail } from './domain/registry';

export const handler = httpHandler(verifyAuditRoute, async ({ query, caller, requestId }) => {
  await scoped(caller, requestId);
  return { body: await verifyTrail(registryDeps, query.subject) };
});
