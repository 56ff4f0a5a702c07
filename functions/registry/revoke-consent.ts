import { revokeConsentRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { registryDeps } from './deps';
import { revokeConsent } from './domain/registry';

export const handler = httpHandler(revokeConsentRoute, async ({ params, caller, requestId }) => {
  const { principal, context } = await scoped(caller, requestId);
  return { body: await revokeConsent(registryDeps, principal, params.consentId, context) };
});
