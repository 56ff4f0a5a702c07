import { readRecordRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { registryDeps } from './deps';
import { readRecord } from './domain/registry';

export const handler = httpHandler(readRecordRoute, async ({ params, query, caller, requestId }) => {
  const { principal, context } = await scoped(caller, requestId);
  return { body: await readRecord(registryDeps, principal, params.kind, params.recordId, query, context) };
});
