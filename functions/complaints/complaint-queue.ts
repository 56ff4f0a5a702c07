import { complaintQueueRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { complaintDeps } from './deps';
import { complaintQueue } from './domain/complaints';

export const handler = httpHandler(complaintQueueRoute, async ({ query, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await complaintQueue(complaintDeps, principal, query) };
});
