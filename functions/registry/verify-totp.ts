import { verifyTotpRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { identityDeps } from './deps';
import { finishTotpEnrolment } from './domain/identity';

const deps = identityDeps();

export const handler = httpHandler(verifyTotpRoute, async ({ body, bearerToken, principal }) => {
  return { body: await finishTotpEnrolment(deps, principal, bearerToken, body.code) };
});
