import { grantConsentRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { dynamo, requireTable } from '../shared/dynamo';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { registryDeps } from './deps';
import { grantConsent } from './domain/consents';

const catalogue = dynamoCatalogue(dynamo, requireTable('catalogue'));
const deps = {
  ...registryDeps,
  agencyExists: async (agencyId: string) => (await catalogue.listAgencies()).some((agency) => agency.agencyId === agencyId),
};

export const handler = httpHandler(grantConsentRoute, async ({ body, principal, context }) => {
  return { body: await grantConsent(deps, principal, body, context) };
});
