import { getComplaintRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { complaintDeps } from './deps';
import { getComplaint } from './domain/complaints';

export const handler = httpHandler(getComplaintRoute, async ({ params, caller, requestId }) => {
  const { principal, context } = await scoped(caller, requestId);
  return { body: await getComplaint(complaintDeps, principal, params.complaintId, context) };
});
