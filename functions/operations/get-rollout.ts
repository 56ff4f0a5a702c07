import { getRolloutRoute } from '../../lib/catalogue/operations';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { getRollout } from './domain/rollout';
import { rolloutDeps } from './rollout-deps';

export const handler = httpHandler(getRolloutRoute, async ({ caller, requestId }) => {
  await scoped(caller, requestId);
  return { body: await getRollout(rolloutDeps) };
});
