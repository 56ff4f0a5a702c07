import { submitApplicationRoute } from '../../lib/catalogue/applications';
import { BadRequest } from '../shared/errors';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { applicationDeps } from './deps';
import { submitApplication } from './domain/applications';

const KEY = /^[A-Za-z0-9_-]{8,64}$/;

export const handler = httpHandler(submitApplicationRoute, async ({ body, caller, requestId, headers }) => {
  const key = headers['idempotency-key'];
  if (!key || !KEY.test(key)) {
    throw new BadRequest('idempotency_key_required', 'Send an Idempotency-Key header: 8 to 64 letters, digits, - or _');
  }
  const { principal, context } = await scoped(caller, requestId);
  const { application, replayed } = await submitApplication(applicationDeps, principal, body, key, context);
  return { body: application, status: replayed ? 200 : 201, headers: { 'idempotent-replayed': String(replayed) } };
});
