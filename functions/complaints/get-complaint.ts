import { getComplaintRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { complaintDeps } from './deps';
import { getComplaint } from './domain/complaints';

export const handler = httpHandler(getComplaintRoute, async ({ params, principal, context }) => {
  return { body: await getComplaint(complaintDeps, principal, params.complaintId, context) };
});
