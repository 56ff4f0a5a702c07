// The business metrics the outbox's domain events stand for, counted as they are published (EMF, no API call).
import type { DomainEvent } from '../../schemas/applications';
import { businessMetrics } from '../../lib/platform/metrics';
import { countEvent } from '../shared/metrics';

/** An outbox event with the application's service and channel, which its outbox item carries. */
export interface Published {
  readonly event: DomainEvent;
  readonly serviceId?: string;
  readonly channel?: string;
}

export function countPublished(published: readonly Published[]): void {
  for (const { event, serviceId, channel } of published) {
    const application = { ...(serviceId ? { serviceId } : {}), ...(channel ? { channel } : {}) };
    switch (event.type) {
      case 'ApplicationSubmitted':
        countEvent(businessMetrics.applicationSubmitted, { serviceId: event.serviceId, channel: event.channel });
        break;
      case 'ApplicationApproved':
        countEvent(businessMetrics.applicationApproved, application);
        break;
      case 'ApplicationRejected':
        countEvent(businessMetrics.applicationRejected, application);
        break;
      case 'ApplicationCancelled':
        countEvent(businessMetrics.applicationCancelled, application);
        break;
      case 'TaskAssigned':
        countEvent(businessMetrics.taskOpened, { agencyId: event.agencyId });
        break;
      case 'TaskDecided':
        countEvent(businessMetrics.taskDecided, { agencyId: event.agencyId, decision: event.decision });
        break;
      case 'SlaBreached':
        countEvent(businessMetrics.slaBreached, { agencyId: event.agencyId });
        break;
      default:
        break;
    }
  }
}
