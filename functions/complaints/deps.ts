// Wiring of the complaint handlers (module scope). Tables a handler is not granted are only touched by use cases
// it does not run, so they are resolved when first used.
import { dynamoApplications } from '../applications/dynamo-applications';
import type { StoredApplication } from '../applications/domain/applications';
import { registryDeps } from '../registry/deps';
import { calendarSource } from '../services/calendar-source';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { dynamo, requireTable } from '../shared/dynamo';
import { memoize } from '../shared/memo';
import type { ComplaintDeps } from './domain/complaints';
import { dynamoComplaints } from './dynamo-complaints';
import { environment } from '../shared/environment';

let catalogue: ReturnType<typeof dynamoCatalogue> | undefined;
const catalogueTable = () => (catalogue ??= dynamoCatalogue(dynamo, requireTable('catalogue')));
const agencyIds = memoize(async () => new Set((await catalogueTable().listAgencies()).map((agency) => agency.agencyId)), 300);

let applications: { get(applicationId: string): Promise<StoredApplication | undefined> } | undefined;

export const complaintDeps: ComplaintDeps = {
  store: dynamoComplaints(dynamo, requireTable('engagement')),
  get applications() {
    return (applications ??= dynamoApplications(dynamo, { applications: requireTable('applications'), idempotency: environment().tables.idempotency ?? 'unused' }));
  },
  agencies: {
    exists: async (agencyId) => (await agencyIds()).has(agencyId),
    owning: async (serviceId) => (await catalogueTable().getCurrent(serviceId))?.ownerAgencyId,
  },
  audit: { append: (entry) => registryDeps.store.appendAudit(entry) },
  calendar: calendarSource(catalogueTable),
  now: () => new Date(),
};
