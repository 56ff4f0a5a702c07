// On a member application's end (approved, rejected, cancelled): advances its life-event bundle — the next
// members start, or the ones depending on a failed member are blocked. Idempotent: redelivery is harmless.
import type { EventBridgeEvent } from 'aws-lambda';
import type { DomainEvent } from '../../schemas/applications';
import { bundleDeps } from './bundle-deps';
import { advanceBundle } from './domain/bundles';

export async function handler(event: EventBridgeEvent<string, DomainEvent>): Promise<void> {
  const application = await bundleDeps.applications.store.get(event.detail.applicationId);
  if (application?.bundleId) {
    await advanceBundle(bundleDeps, application.bundleId, { requestId: event.id, channel: application.channel });
  }
}
