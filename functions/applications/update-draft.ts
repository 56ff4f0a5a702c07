import { updateDraftRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { applicationDeps } from './deps';
import { updateDraft } from './domain/applications';

export const handler = httpHandler(updateDraftRoute, async ({ params, body, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await updateDraft(applicationDeps, principal, params.applicationId, body) };
});
