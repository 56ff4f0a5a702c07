import { rateComplaintRoute } from '../../lib/catalogue/engagement';
import { httpHandler } from '../shared/http';
import { complaintDeps } from './deps';
import { rateResolution } from './domain/handling';

export const handler = httpHandler(rateComplaintRoute, async ({ params, body, principal }) => {
  return { body: await rateResolution(complaintDeps, principal, params.complaintId, body) };
});
