import { fileComplaintRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { complaintDeps } from './deps';
import { fileComplaint } from './domain/complaints';

export const handler = httpHandler(fileComplaintRoute, async ({ body, principal }) => {
  return { body: await fileComplaint(complaintDeps, principal, body) };
});
