import { moveServiceRoute } from '../../lib/catalogue/operations';
import { httpHandler } from '../shared/http';
import { moveService } from './domain/rollout';
import { rolloutDeps } from './rollout-deps';

export const handler = httpHandler(moveServiceRoute, async ({ params, body, principal, caller }) => {
  return { body: await moveService(rolloutDeps, params.serviceId, body.phase, body.expectedVersion, { username: caller.username, role: principal.role }) };
});
