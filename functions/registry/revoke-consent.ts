import { revokeConsentRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { registryDeps } from './deps';
import { revokeConsent } from './domain/consents';

export const handler = httpHandler(revokeConsentRoute, async ({ params, principal, context }) => {
  return { body: await revokeConsent(registryDeps, principal, params.consentId, context) };
});
