import { submitDraftRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { scoped } from './context';
import { applicationDeps } from './deps';
import { submitDraft } from './domain/applications';

export const handler = httpHandler(submitDraftRoute, async ({ params, body, caller, requestId }) => {
  const { principal, context } = await scoped(caller, requestId);
  return { body: await submitDraft(applicationDeps, principal, params.applicationId, body, context) };
});
