// Wiring of the uploads' adapters (module scope: once per cold start).
import { dynamoApplications } from '../applications/dynamo-applications';
import { registryDeps } from '../registry/deps';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { dynamo, requireTable } from '../shared/dynamo';
import type { UploadDeps } from './domain/uploads';
import { dynamoUploads } from './dynamo-uploads';
import { objectStorage } from './storage';

export const uploadDeps: UploadDeps = {
  uploads: dynamoUploads(dynamo, requireTable('applications')),
  storage: objectStorage,
  cards: { getCurrent: (serviceId) => dynamoCatalogue(dynamo, requireTable('catalogue')).getCurrent(serviceId) },
  applications: {
    get: (applicationId) =>
      dynamoApplications(dynamo, {
        applications: requireTable('applications'),
        get idempotency() {
          return requireTable('idempotency');
        },
      }).get(applicationId),
  },
  audit: { append: (entry) => registryDeps.store.appendAudit(entry) },
  now: () => new Date(),
};
