import { putSynonymsRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { operatorEditDeps } from './edit-deps';
import { putSynonyms } from './domain/synonyms';

export const handler = httpHandler(putSynonymsRoute, async ({ body, caller, principal }) => {
  return { body: await putSynonyms(operatorEditDeps, body.synonyms, body.expectedVersion, { username: caller.username, role: principal.role }) };
});
