import { respondToComplaintRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { complaintDeps } from './deps';
import { respondToComplaint } from './domain/handling';

export const handler = httpHandler(respondToComplaintRoute, async ({ params, body, principal, context }) => {
  return { body: await respondToComplaint(complaintDeps, principal, params.complaintId, body, context) };
});
