import { createStaffRoute } from '../../lib/catalogue/registry';
import { httpHandler } from '../shared/http';
import { dynamo, requireTable } from '../shared/dynamo';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { identityDeps } from './deps';
import { createStaff } from './domain/identity';

const catalogue = dynamoCatalogue(dynamo, requireTable('catalogue'));
const deps = {
  ...identityDeps(),
  agencyExists: async (agencyId: string) => (await catalogue.listAgencies()).some((agency) => agency.agencyId === agencyId),
};

export const handler = httpHandler(createStaffRoute, async ({ body, principal }) => {
  return { body: await createStaff(deps, principal, body) };
});
