// Scheduled: flags open tasks past their SLA as overdue and escalates each once (SlaBreached event).
import { escalateOverdue } from '../applications/domain/tasks';
import { taskDeps } from '../applications/task-deps';
import { dynamo, requireTable } from '../shared/dynamo';
import { logger } from '../shared/logger';
import { dynamoCatalogue } from '../services/dynamo-catalogue';

const catalogue = dynamoCatalogue(dynamo, requireTable('catalogue'));

export async function handler(): Promise<{ escalated: number }> {
  const agencies = await catalogue.listAgencies();
  const { escalated } = await escalateOverdue(taskDeps, agencies.map((agency) => agency.agencyId));
  logger.info('SLA sweep', { escalated: escalated.length });
  return { escalated: escalated.length };
}
