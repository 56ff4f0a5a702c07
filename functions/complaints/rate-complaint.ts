import { rateComplaintRoute } from '../../lib/catalogue/engagement';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { complaintDeps } from './deps';
import { rateResolution } from './domain/handling';

export const handler = httpHandler(rateComplaintRoute, async ({ params, body, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await rateResolution(complaintDeps, principal, params.complaintId, body) };
});
