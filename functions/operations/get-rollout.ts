import { getRolloutRoute } from '../../lib/catalogue/operations';
import { httpHandler } from '../shared/http';
import { getRollout } from './domain/rollout';
import { rolloutDeps } from './rollout-deps';

export const handler = httpHandler(getRolloutRoute, async () => {
  return { body: await getRollout(rolloutDeps) };
});
