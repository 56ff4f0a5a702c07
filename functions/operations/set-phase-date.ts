import { setPhaseDateRoute } from '../../lib/catalogue/operations';
import { httpHandler } from '../shared/http';
import { setPhaseDate } from './domain/rollout';
import { rolloutDeps } from './rollout-deps';

export const handler = httpHandler(setPhaseDateRoute, async ({ params, body, principal, caller }) => {
  return { body: await setPhaseDate(rolloutDeps, params.phase, body.opensOn, body.expectedVersion, { username: caller.username, role: principal.role }) };
});
