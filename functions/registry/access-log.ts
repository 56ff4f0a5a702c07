import { accessLogRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { registryDeps } from './deps';
import { myAccessLog } from './domain/registry';

export const handler = httpHandler(accessLogRoute, async ({ query, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await myAccessLog(registryDeps, principal, query.cursor, query.limit) };
});
