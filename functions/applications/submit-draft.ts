import { submitDraftRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { applicationDeps } from './deps';
import { submitDraft } from './domain/applications';

export const handler = httpHandler(submitDraftRoute, async ({ params, body, principal, context }) => {
  return { body: await submitDraft(applicationDeps, principal, params.applicationId, body, context) };
});
