import { fileComplaintRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { complaintDeps } from './deps';
import { fileComplaint } from './domain/complaints';

export const handler = httpHandler(fileComplaintRoute, async ({ body, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await fileComplaint(complaintDeps, principal, body) };
});
