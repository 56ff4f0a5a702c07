// Scheduled: resumes the workflow of applications stuck in a non-terminal state.
import { reconcileApplications } from './domain/reconcile';
import { taskDeps } from './task-deps';
import { logger } from '../shared/logger';
import { environment } from '../shared/environment';

const graceSeconds = environment().RECONCILE_GRACE_SECONDS;

export async function handler(): Promise<{ checked: number; resumed: number }> {
  const { checked, resumed } = await reconcileApplications(taskDeps, graceSeconds);
  logger.info('Reconciled applications', { checked, resumed: resumed.length });
  return { checked, resumed: resumed.length };
}
