import { listConsentsRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { listMyConsents } from './domain/consents';

export const handler = httpHandler(listConsentsRoute, async ({ principal }) => {
  return { body: await listMyConsents(registryDeps, principal) };
});
