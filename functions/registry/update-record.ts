import { updateRecordRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { registryDeps } from './deps';
import { updateRecord } from './domain/registry';

export const handler = httpHandler(updateRecordRoute, async ({ params, body, caller, requestId }) => {
  const { principal, context } = await scoped(caller, requestId);
  return { body: await updateRecord(registryDeps, principal, params.kind, params.recordId, body.expectedVersion, body.fields, context) };
});
