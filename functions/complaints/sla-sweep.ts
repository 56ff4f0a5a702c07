// Scheduled: escalates complaints an agency left unresolved past their SLA to the e-Government Unit, once each.
import { logger } from '../shared/logger';
import { dynamo, requireTable } from '../shared/dynamo';
import { escalateOverdueComplaints } from './domain/handling';
import { dynamoComplaints } from './dynamo-complaints';

const store = dynamoComplaints(dynamo, requireTable('engagement'));

export async function handler(): Promise<{ escalated: number }> {
  const { escalated } = await escalateOverdueComplaints({ store, now: () => new Date() });
  logger.info('Complaint SLA sweep', { escalated: escalated.length });
  return { escalated: escalated.length };
}
