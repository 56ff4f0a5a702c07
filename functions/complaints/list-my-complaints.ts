import { listMyComplaintsRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { complaintDeps } from './deps';
import { listMyComplaints } from './domain/complaints';

export const handler = httpHandler(listMyComplaintsRoute, async ({ query, principal }) => {
  return { body: await listMyComplaints(complaintDeps, principal, query) };
});
