// The reconciler: the application record is the truth. Every application whose workflow should be running
// (submitted, not decided or cancelled) gets its execution resumed if it is not running — after a crash
// locally, after a failover in AWS. Resumed executions repeat only idempotent steps.
import type { WorkflowEngine } from '../../workflow/ports';
import { type ApplicationStore, workflowInput } from './applications';

export interface ReconcileDeps {
  readonly applications: Pick<ApplicationStore, 'listActive'>;
  readonly workflow: Pick<WorkflowEngine, 'resume'>;
  readonly now: () => Date;
}

/** `graceSeconds`: leave applications changed this recently alone (their execution may be starting). */
export async function reconcileApplications(deps: ReconcileDeps, graceSeconds: number): Promise<{ checked: number; resumed: string[] }> {
  const before = new Date(deps.now().getTime() - graceSeconds * 1000).toISOString();
  const resumed: string[] = [];
  let checked = 0;
  let after: string | undefined;
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
