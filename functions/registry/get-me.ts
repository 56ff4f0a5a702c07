import { getMeRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { getMe } from './domain/records';

export const handler = httpHandler(getMeRoute, async ({ principal, context }) => {
  return { body: await getMe(registryDeps, principal, context) };
});
