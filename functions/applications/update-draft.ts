import { updateDraftRoute } from '../../lib/catalogue/applications';
import { httpHandler } from '../shared/http';
import { applicationDeps } from './deps';
import { updateDraft } from './domain/applications';

export const handler = httpHandler(updateDraftRoute, async ({ params, body, principal }) => {
  return { body: await updateDraft(applicationDeps, principal, params.applicationId, body) };
});
