// The business and platform metrics the handlers emit (Powertools Metrics, embedded metric format) and the
// dashboard and alarms read: one list, so a renamed metric fails the build rather than a graph going flat.

export const METRICS_NAMESPACE = 'Khidma';
/** Every metric is also emitted under this one `service` value, so a dashboard can sum across functions. */
export const METRICS_SERVICE = 'khidma';

export const businessMetrics = {
  applicationSubmitted: 'ApplicationSubmitted',
  applicationApproved: 'ApplicationApproved',
  applicationRejected: 'ApplicationRejected',
  applicationCancelled: 'ApplicationCancelled',
  taskOpened: 'TaskOpened',
  taskDecided: 'TaskDecided',
  slaBreached: 'SlaBreached',
  notificationFailed: 'NotificationFailed',
  notificationDeadLettered: 'NotificationDeadLettered',
  complaintFiled: 'ComplaintFiled',
  complaintEscalated: 'ComplaintEscalated',
} as const;

export type BusinessMetric = (typeof businessMetrics)[keyof typeof businessMetrics];
