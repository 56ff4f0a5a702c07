import { listMyComplaintsRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { complaintDeps } from './deps';
import { listMyComplaints } from './domain/complaints';

export const handler = httpHandler(listMyComplaintsRoute, async ({ query, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await listMyComplaints(complaintDeps, principal, query) };
});
