// Scheduled: flags open tasks past their SLA as overdue and escalates each once (SlaBreached event), and
// finishes decisions whose run died before the workflow was told.
import { escalateOverdue, redeliverDecisions } from './domain/tasks';
import { taskDeps } from './task-deps';
import { dynamo, requireTable } from '../shared/dynamo';
import { logger } from '../shared/logger';
import { dynamoCatalogue } from '../services/dynamo-catalogue';

const catalogue = dynamoCatalogue(dynamo, requireTable('catalogue'));

export async function handler(): Promise<{ escalated: number; redelivered: number }> {
  const agencyIds = (await catalogue.listAgencies()).map((agency) => agency.agencyId);
  const { escalated } = await escalateOverdue(taskDeps, agencyIds);
  const { redelivered } = await redeliverDecisions(taskDeps, agencyIds);
  logger.info('SLA sweep', { escalated: escalated.length, redelivered: redelivered.length });
  return { escalated: escalated.length, redelivered: redelivered.length };
}
