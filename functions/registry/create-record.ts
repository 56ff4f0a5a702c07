import { createRecordRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { registryDeps } from './deps';
import { createRecord } from './domain/registry';

export const handler = httpHandler(createRecordRoute, async ({ params, body, caller, requestId }) => {
  const { principal, context } = await scoped(caller, requestId);
  return { body: await createRecord(registryDeps, principal, params.kind, body.fields, context) };
});
