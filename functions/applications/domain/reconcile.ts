// The reconciler: the application record is the truth. Every application whose workflow should be running
// (submitted, not decided or cancelled) gets its execution resumed if it is not running — after a crash
// locally, after a failover in AWS. Resumed executions repeat only idempotent steps.
// Its hourly pass looks only at applications submitted in a recent window (a submission whose request died
// between saving the application and starting its workflow): its reads follow the submissions of the last hours,
// not the number of applications in flight. A pass over every application in flight is for when executions were
// lost wholesale: the local cloud's restart after a crash, a failover.
import type { WorkflowEngine } from '../../workflow/ports';
import { type ApplicationStore, workflowInput } from './applications';

export interface ReconcileDeps {
  readonly applications: Pick<ApplicationStore, 'listActive'>;
  readonly workflow: Pick<WorkflowEngine, 'resume'>;
  readonly now: () => Date;
}

export interface ReconcileScope {
  /** Only applications submitted this many seconds before the grace period or later; undefined: every one in flight. */
  readonly windowSeconds?: number;
}

/** `graceSeconds`: leave applications changed this recently alone (their execution may be starting). */
export async function reconcileApplications(deps: ReconcileDeps, graceSeconds: number, scope: ReconcileScope = {}): Promise<{ checked: number; resumed: string[] }> {
  const cutoff = deps.now().getTime() - graceSeconds * 1000;
  const before = new Date(cutoff).toISOString();
  const resumed: string[] = [];
  let checked = 0;
  // The index is ordered by submission time: a window starts the listing at its first second.
  let after: string | undefined = scope.windowSeconds === undefined ? undefined : new Date(cutoff - scope.windowSeconds * 1000).toISOString();
  do {
    const page = await deps.applications.listActive(before, 100, after);
    for (const application of page.items) {
      checked += 1;
      if ((await deps.workflow.resume(workflowInput(application))) === 'started') {
        resumed.push(application.applicationId);
      }
    }
    after = page.last;
  } while (after);
  return { checked, resumed };
}
