// Scheduled: resumes the workflow of applications stuck in a non-terminal state. The hourly schedule looks at a
// window of recent submissions (three passes overlap, so one missed pass loses nothing); `{ "scope": "all" }`
// (after a failover) looks at every application in flight.
import { reconcileApplications } from './domain/reconcile';
import { taskDeps } from './task-deps';
import { logger } from '../shared/logger';
import { environment } from '../shared/environment';

const { RECONCILE_GRACE_SECONDS: graceSeconds, RECONCILE_WINDOW_SECONDS: windowSeconds } = environment();

export async function handler(event?: { scope?: string }): Promise<{ checked: number; resumed: number }> {
  const all = event?.scope === 'all';
  const { checked, resumed } = await reconcileApplications(taskDeps, graceSeconds, all ? {} : { windowSeconds });
  logger.info('Reconciled applications', { scope: all ? 'all' : `${windowSeconds} s`, checked, resumed: resumed.length });
  return { checked, resumed: resumed.length };
}
