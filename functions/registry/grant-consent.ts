import { grantConsentRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { registryDeps } from './deps';
import { grantConsent } from './domain/registry';

export const handler = httpHandler(grantConsentRoute, async ({ body, caller, requestId }) => {
  const { principal, context } = await scoped(caller, requestId);
  return { body: await grantConsent(registryDeps, principal, body, context) };
});
