// Scheduled: resumes the workflow of applications stuck in a non-terminal state. The hourly schedule looks at a
// window of recent submissions (three passes overlap, so one missed pass loses nothing); `{ "scope": "all" }`
// looks at every application in flight; `{ "scope": "takeover" }` (the failover's resume step: the executions
// stayed in the region lost) does so without the grace period, since nothing is starting one in this region.
import { reconcileApplications } from './domain/reconcile';
import { taskDeps } from './task-deps';
import { logger } from '../shared/logger';
import { environment } from '../shared/environment';

const { RECONCILE_GRACE_SECONDS: graceSeconds, RECONCILE_WINDOW_SECONDS: windowSeconds } = environment();

export async function handler(event?: { scope?: string }): Promise<{ checked: number; resumed: number }> {
  const takeover = event?.scope === 'takeover';
  const all = takeover || event?.scope === 'all';
  const { checked, resumed } = await reconcileApplications(taskDeps, takeover ? 0 : graceSeconds, all ? {} : { windowSeconds });
  logger.info('Reconciled applications', { scope: all ? (takeover ? 'takeover' : 'all') : `${windowSeconds} s`, checked, resumed: resumed.length });
  return { checked, resumed: resumed.length };
}
