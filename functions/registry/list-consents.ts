import { listConsentsRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { registryDeps } from './deps';
import { listMyConsents } from './domain/registry';

export const handler = httpHandler(listConsentsRoute, async ({ caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await listMyConsents(registryDeps, principal) };
});
