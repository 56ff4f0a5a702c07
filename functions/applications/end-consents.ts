// When an application ends (approved, rejected or cancelled), the consents it created for its agencies end
// too: at once, or CONSENT_DAYS_AFTER_APPROVAL days after an approval. Redelivered events change nothing more.
import type { EventBridgeEvent } from 'aws-lambda';
import type { DomainEvent } from '../../schemas/applications';
import { endApplicationConsents } from '../registry/domain/application-consents';
import { registryDeps } from '../registry/deps';
import { applicationDeps } from './deps';

const outcomes = { ApplicationApproved: 'approved', ApplicationRejected: 'rejected', ApplicationCancelled: 'cancelled' } as const;

export async function handler(event: EventBridgeEvent<string, DomainEvent>): Promise<void> {
  const outcome = outcomes[event.detail.type as keyof typeof outcomes];
  const application = outcome ? await applicationDeps.store.get(event.detail.applicationId) : undefined;
  if (!outcome || !application) {
    return;
  }
  await endApplicationConsents(registryDeps, {
    applicationId: application.applicationId,
    subject: application.applicant,
    consentIds: application.consentIds,
    outcome,
    at: new Date(event.detail.at),
  });
}
