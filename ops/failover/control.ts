// The port the failover command drives: one implementation for AWS (aws-control.ts), one for the local clouds
// (local/failover-control.ts).
import type { FailoverStep, RegionRole } from '../../lib/platform/failover';
import { describeStep, failoverPlan, otherRegion } from '../../lib/platform/failover';

export interface RegionControl {
  /** Whether the region's API answers its health route with every table answering: it would accept writes. */
  acceptsWrites(region: RegionRole): Promise<boolean>;
  setFenced(region: RegionRole, fenced: boolean): Promise<void>;
  setSchedules(region: RegionRole, enabled: boolean, workers: readonly string[]): Promise<string[]>;
  setStreamConsumers(region: RegionRole, enabled: boolean, workers: readonly string[]): Promise<string[]>;
  /** Starts the reconciler's full pass in the region (`{ "scope": "takeover" }`), without waiting for it. */
  resumeInFlight(region: RegionRole): Promise<void>;
  pointDns(region: RegionRole): Promise<void>;
  /** Recomputes the region's KPI aggregates (regional, not replicated) from its replicated events: `npm run kpis:rebuild`. */
  rebuildKpis(region: RegionRole): Promise<void>;
}

export class FailoverRefused extends Error {}

export interface FailoverOptions {
  readonly to: RegionRole;
  readonly dryRun?: boolean;
  readonly force?: boolean;
  readonly log: (line: string) => void;
}

/** Runs the plan; steps on the region being left are best effort (it may be gone), every other step must succeed. */
export async function runFailover(control: RegionControl, options: FailoverOptions): Promise<{ steps: FailoverStep[]; skipped: FailoverStep[] }> {
  const steps = failoverPlan(options.to);
  const from = otherRegion(options.to);
  options.log(`${options.dryRun ? 'Plan' : 'Failing over'} to the ${options.to} region:`);
  steps.forEach((step, index) => options.log(`  ${index + 1}. ${describeStep(step)}`));
  if (options.dryRun) {
    return { steps, skipped: [] };
  }
  if (!options.force && (await control.acceptsWrites(from))) {
    throw new FailoverRefused(
      `the ${from} region still accepts writes (its health route answers): two regions writing would lose updates (global tables are last-writer-wins). Stop it first, or pass --force to fence it.`,
    );
  }
  const skipped: FailoverStep[] = [];
  for (const step of steps) {
    try {
      await apply(control, step);
      options.log(`  done: ${describeStep(step)}`);
    } catch (error) {
      if (step.region !== from || step.action === 'dns') {
        throw error;
      }
      skipped.push(step);
      options.log(`  skipped (the ${from} region did not answer: ${(error as Error).name}): ${describeStep(step)}`);
    }
  }
  return { steps, skipped };
}

async function apply(control: RegionControl, step: FailoverStep): Promise<void> {
  switch (step.action) {
    case 'fence':
    case 'unfence':
      return control.setFenced(step.region, step.action === 'fence');
    case 'schedules':
      await control.setSchedules(step.region, step.enabled, step.workers);
      return;
    case 'streams':
      await control.setStreamConsumers(step.region, step.enabled, step.workers);
      return;
    case 'resume':
      return control.resumeInFlight(step.region);
    case 'dns':
      return control.pointDns(step.region);
    case 'rebuild-kpis':
      return control.rebuildKpis(step.region);
  }
}
