// Wiring of the workers that turn events into notifications and queue their deliveries (module scope).
import { registryDeps } from '../registry/deps';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { dynamo, requireTable } from '../shared/dynamo';
import { memoize } from '../shared/memo';
import { logger } from '../shared/logger';
import type { NotifyDeps, NotifyResult } from './domain/notify';
import type { AgencyNames } from './domain/variables';
import { deliveryQueue } from './delivery-queue';
import { notificationStore } from './deps';

const catalogue = dynamoCatalogue(dynamo, requireTable('catalogue'));
/** Agency names change about never; an hour-old list is fine for a message. */
export const agencyNames = memoize<AgencyNames>(async () => new Map((await catalogue.listAgencies()).map((agency) => [agency.agencyId, agency.name])), 3600);

export const notifyDeps: NotifyDeps = {
  store: notificationStore,
  queue: deliveryQueue,
  contacts: {
    async of(subject) {
      const record = await registryDeps.store.getRecord(subject.kind, subject.recordId);
      const { email, phone } = record?.data ?? {};
      return { ...(typeof email === 'string' ? { email } : {}), ...(typeof phone === 'string' ? { phone } : {}) };
    },
  },
  now: () => new Date(),
};

export function logNotified(eventId: string, type: string, result: NotifyResult): void {
  if (result.missingVariables.length > 0) {
    logger.error('Notification rendered with template variables missing', { eventId, type, missing: result.missingVariables });
  }
  const message = !result.duplicate ? 'Event notified' : result.notifications > 0 ? 'Redelivered event: an interrupted run finished' : 'Redelivered event: nothing notified again';
  logger.info(message, { eventId, type, notifications: result.notifications, queued: result.queued });
}
