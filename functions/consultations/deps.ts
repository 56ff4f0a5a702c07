// Wiring of the consultation handlers (module scope: once per cold start). The catalogue (agencies) and the audit
// trail are resolved when first used: only the handlers granted them use them.
import { registryDeps } from '../registry/deps';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { dynamo, requireTable } from '../shared/dynamo';
import { memoize } from '../shared/memo';
import type { ConsultationDeps } from './domain/consultations';
import { dynamoConsultations } from './dynamo-consultations';

const agencyIds = memoize(async () => new Set((await dynamoCatalogue(dynamo, requireTable('catalogue')).listAgencies()).map((agency) => agency.agencyId)), 300);

export const consultationDeps: ConsultationDeps = {
  store: dynamoConsultations(dynamo, requireTable('engagement')),
  agencyExists: async (agencyId) => (await agencyIds()).has(agencyId),
  audit: { append: async (entry) => void (await registryDeps.store.appendAudit(entry)) },
  now: () => new Date(),
};
