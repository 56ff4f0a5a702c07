import { startTotpRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { identityDeps } from './deps';
import { startTotpEnrolment } from './domain/identity';

const deps = identityDeps();

export const handler = httpHandler(startTotpRoute, async ({ caller, requestId, bearerToken }) => {
  const { principal } = await scoped(caller, requestId, { allowWithoutMfa: true });
  return { body: await startTotpEnrolment(deps, principal, caller.username, bearerToken) };
});
