import { startTotpRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { identityDeps } from './deps';
import { startTotpEnrolment } from './domain/identity';

const deps = identityDeps();

export const handler = httpHandler(startTotpRoute, async ({ caller, bearerToken, principal }) => {
  return { body: await startTotpEnrolment(deps, principal, caller.username, bearerToken) };
});
