import { createRecordRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { createRecord } from './domain/records';

export const handler = httpHandler(createRecordRoute, async ({ params, body, principal, context }) => {
  return { body: await createRecord(registryDeps, principal, params.kind, body.fields, context) };
});
