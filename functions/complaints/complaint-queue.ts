import { complaintQueueRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { complaintDeps } from './deps';
import { complaintQueue } from './domain/complaints';

export const handler = httpHandler(complaintQueueRoute, async ({ query, principal }) => {
  return { body: await complaintQueue(complaintDeps, principal, query) };
});
