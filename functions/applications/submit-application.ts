import { submitApplicationRoute } from '../../lib/catalogue/applications';
import { idempotencyKeyOf } from '../shared/idempotency';
import { httpHandler } from '../shared/http';
import { applicationDeps } from './deps';
import { submitApplication } from './domain/applications';

export const handler = httpHandler(submitApplicationRoute, async ({ body, headers, principal, context }) => {
  const key = idempotencyKeyOf(headers);
  const { application, replayed } = await submitApplication(applicationDeps, principal, body, key, context);
  return { body: application, status: replayed ? 200 : 201, headers: { 'idempotent-replayed': String(replayed) } };
});
