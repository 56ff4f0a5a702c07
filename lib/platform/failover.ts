// Failover and failback as one ordered plan (README, Disaster recovery). Pure: the command (ops/failover.ts)
// runs it through a region control port, against AWS or the local clouds.
import { type Worker, workers } from '../catalogue/workers';

export type RegionRole = 'primary' | 'dr';

export type FailoverStep =
  /** Stop the old region taking writes (its API throttled to zero); skipped, and said so, if it is unreachable. */
  | { readonly action: 'fence'; readonly region: RegionRole }
  | { readonly action: 'schedules' | 'streams'; readonly region: RegionRole; readonly enabled: boolean; readonly workers: readonly string[] }
  | { readonly action: 'unfence'; readonly region: RegionRole }
  /** The reconciler's full pass, at once: every application in flight gets its workflow in this region. */
  | { readonly action: 'resume'; readonly region: RegionRole }
  /** The shared API name answers from this region (Route 53: the primary's check inverted, or not). */
  | { readonly action: 'dns'; readonly region: RegionRole }
  /** The region's own KPI aggregates (a regional table, not replicated) recomputed from the replicated events. */
  | { readonly action: 'rebuild-kpis'; readonly region: RegionRole };

export const otherRegion = (role: RegionRole): RegionRole => (role === 'dr' ? 'primary' : 'dr');

const byTrigger = (kind: Worker['trigger']['kind']) => workers.filter((worker) => worker.trigger.kind === kind).map((worker) => worker.id);
export const scheduledWorkers = byTrigger('schedule');
export const streamWorkers = byTrigger('stream');

/**
 * One region writes at a time: global tables are last-writer-wins, and idempotency keys, audit chains and task
 * decisions rely on conditional writes seen by one region. So the old region is fenced and its background work
 * stopped before the new one starts any; DNS moves last, once the new region can carry the work it receives.
 */
export function failoverPlan(to: RegionRole): FailoverStep[] {
  const from = otherRegion(to);
  return [
    { action: 'fence', region: from },
    { action: 'schedules', region: from, enabled: false, workers: scheduledWorkers },
    { action: 'streams', region: from, enabled: false, workers: streamWorkers },
    { action: 'unfence', region: to },
    { action: 'streams', region: to, enabled: true, workers: streamWorkers },
    { action: 'schedules', region: to, enabled: true, workers: scheduledWorkers },
    // The executions stayed in the old region; the hourly pass looks only at recent submissions, after a grace.
    { action: 'resume', region: to },
    { action: 'dns', region: to },
    // Last: the API already answers; the figures fill in as the replay runs (live counting waits for it).
    { action: 'rebuild-kpis', region: to },
  ];
}

export function describeStep(step: FailoverStep): string {
  switch (step.action) {
    case 'fence':
      return `fence the ${step.region} region: its API refuses every request (throttled to zero)`;
    case 'unfence':
      return `open the ${step.region} region's API (the stage's throttle)`;
    case 'schedules':
    case 'streams':
      return `${step.enabled ? 'enable' : 'disable'} in the ${step.region} region the ${step.action === 'schedules' ? 'schedules' : 'stream consumers'}: ${step.workers.join(', ')}`;
    case 'resume':
      return `resume in the ${step.region} region every application in flight (the reconciler's full pass, without its grace)`;
    case 'dns':
      return `point the API's name at the ${step.region} region`;
    case 'rebuild-kpis':
      return `rebuild in the ${step.region} region the KPI aggregates from the applications' events (each region keeps its own)`;
  }
}
