// Wiring of the feedback handlers (module scope: once per cold start); each builds only what its grants cover.
import { dynamoApplications } from '../applications/dynamo-applications';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { dynamo, requireTable } from '../shared/dynamo';
import type { FeedbackDeps } from './domain/feedback';
import { dynamoFeedback } from './dynamo-feedback';
import { environment } from '../shared/environment';

export function summaryDeps(): Pick<FeedbackDeps, 'store' | 'now'> {
  return { store: dynamoFeedback(dynamo, requireTable('engagement')), now: () => new Date() };
}

export function ratingDeps(): FeedbackDeps {
  const catalogue = dynamoCatalogue(dynamo, requireTable('catalogue'));
  return {
    ...summaryDeps(),
    applications: dynamoApplications(dynamo, { applications: requireTable('applications'), idempotency: environment().tables.idempotency ?? 'unused' }),
    owningAgency: async (serviceId) => (await catalogue.getCurrent(serviceId))?.ownerAgencyId,
  };
}
