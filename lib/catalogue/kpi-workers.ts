// The KPI counter: kept apart from the KPI routes so that its bundle, which reads the worker list, takes in no zod.
import type { DomainEventType, Worker } from './worker-types';

/** The application events the KPI aggregates are counted from. */
export const countedEvents = [
  'ApplicationSubmitted',
  'ApplicationApproved',
  'ApplicationRejected',
  'ApplicationCancelled',
  'TaskAssigned',
  'TaskDecided',
] as const satisfies readonly DomainEventType[];

export const kpiWorkers: readonly Worker[] = [
  {
    id: 'count-kpis',
    entry: 'functions/kpis/count-events.ts',
    description: 'Counts each application event once into the KPI aggregates per service, agency, rollout phase, channel and month',
    trigger: { kind: 'events', detailTypes: countedEvents },
    tables: { metrics: 'readwrite', catalogue: 'read' },
    timeoutSeconds: 30,
  },
];
