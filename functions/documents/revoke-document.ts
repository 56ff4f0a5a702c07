import { revokeDocumentRoute } from '../../lib/catalogue/journey';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { documentDeps } from './deps';
import { revokeDocument } from './domain/documents';

export const handler = httpHandler(revokeDocumentRoute, async ({ params, body, caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await revokeDocument(documentDeps, principal, params.documentId, body.reason, requestId) };
});
