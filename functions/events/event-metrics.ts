// The business metrics the outbox's domain events stand for, counted as they are published (EMF, no API call).
import type { DomainEvent } from '../../schemas/applications';
import { businessMetrics } from '../../lib/platform/metrics';
import { countEvent } from '../shared/metrics';

export function countPublished(events: readonly DomainEvent[]): void {
  for (const event of events) {
    switch (event.type) {
      case 'ApplicationSubmitted':
        countEvent(businessMetrics.applicationSubmitted, { serviceId: event.serviceId, channel: event.channel });
        break;
      case 'ApplicationApproved':
        countEvent(businessMetrics.applicationApproved);
        break;
      case 'ApplicationRejected':
        countEvent(businessMetrics.applicationRejected);
        break;
      case 'ApplicationCancelled':
        countEvent(businessMetrics.applicationCancelled);
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
