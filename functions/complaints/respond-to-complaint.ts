import { respondToComplaintRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { complaintDeps } from './deps';
import { respondToComplaint } from './domain/handling';

export const handler = httpHandler(respondToComplaintRoute, async ({ params, body, caller, requestId }) => {
  const { principal, context } = await scoped(caller, requestId);
  return { body: await respondToComplaint(complaintDeps, principal, params.complaintId, body, context) };
});
