import { updateRecordRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { updateRecord } from './domain/records';

export const handler = httpHandler(updateRecordRoute, async ({ params, body, principal, context }) => {
  return { body: await updateRecord(registryDeps, principal, params.kind, params.recordId, body.expectedVersion, body.fields, context) };
});
