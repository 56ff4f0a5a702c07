import { verifyTotpRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { identityDeps } from './deps';
import { finishTotpEnrolment } from './domain/identity';

const deps = identityDeps();

export const handler = httpHandler(verifyTotpRoute, async ({ body, caller, requestId, bearerToken }) => {
  const { principal } = await scoped(caller, requestId, { allowWithoutMfa: true });
  return { body: await finishTotpEnrolment(deps, principal, bearerToken, body.code) };
});
