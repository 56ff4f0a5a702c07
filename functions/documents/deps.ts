// Wiring of the documents' adapters (module scope: once per cold start).
import { ulid } from 'ulid';
import type { DomainEvent } from '../../schemas/applications';
import { dynamoApplications } from '../applications/dynamo-applications';
import { VersionConflict } from '../shared/errors';
import { registryDeps } from '../registry/deps';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { dynamo, requireTable } from '../shared/dynamo';
import type { DocumentDeps } from './domain/documents';
import { dynamoDocuments } from './dynamo-documents';
import { documentSigner } from './signer';

const applications = dynamoApplications(dynamo, {
  applications: requireTable('applications'),
  get idempotency() {
    return requireTable('idempotency');
  },
});

/** Appends an event to the application's outbox with a no-change save (retried when another change got there first). */
async function record(applicationId: string, event: DomainEvent): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await applications.get(applicationId);
    if (!current) {
      return;
    }
    try {
      await applications.save({ ...current, updatedAt: event.at, version: current.version + 1 }, current.version, [{ ...event, eventId: event.eventId || ulid() }]);
      return;
    } catch (error) {
      if (!(error instanceof VersionConflict)) {
        throw error;
      }
    }
  }
  throw new Error(`application ${applicationId} kept changing; ${event.type} not recorded`);
}

export const documentDeps: DocumentDeps = {
  documents: dynamoDocuments(dynamo, requireTable('applications')),
  signer: documentSigner,
  applications: { get: (applicationId) => applications.get(applicationId), record },
  cards: {
    getVersion: (serviceId, version) => dynamoCatalogue(dynamo, requireTable('catalogue')).getVersion(serviceId, version),
  },
  async holderName(holder) {
    const found = await registryDeps.store.getRecord(holder.kind, holder.recordId);
    // Persons and residents: the full name (English only when known); businesses: their registered name.
    const name = (found?.data.fullName ?? found?.data.name) as { ar?: unknown; en?: unknown } | undefined;
    return typeof name?.ar === 'string' ? { ar: name.ar, en: typeof name.en === 'string' ? name.en : name.ar } : undefined;
  },
  businessesOf: async (nationalNumber) => (await registryDeps.store.listMemberships(nationalNumber)).map((membership) => membership.registrationNumber),
  audit: { append: (entry) => registryDeps.store.appendAudit(entry) },
  now: () => new Date(),
};
