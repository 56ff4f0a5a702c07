import { getMeRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { registryDeps } from './deps';
import { getMe } from './domain/registry';

export const handler = httpHandler(getMeRoute, async ({ caller, requestId }) => {
  const { principal, context } = await scoped(caller, requestId);
  return { body: await getMe(registryDeps, principal, context) };
});
