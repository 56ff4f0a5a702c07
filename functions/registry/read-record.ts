import { readRecordRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { readRecord } from './domain/records';

export const handler = httpHandler(readRecordRoute, async ({ params, query, principal, context }) => {
  return { body: await readRecord(registryDeps, principal, params.kind, params.recordId, query, context) };
});
