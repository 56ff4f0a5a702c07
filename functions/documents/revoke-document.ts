import { revokeDocumentRoute } from '../../lib/catalogue/journey';
import { httpHandler } from '../shared/http';
import { documentDeps } from './deps';
import { revokeDocument } from './domain/documents';

export const handler = httpHandler(revokeDocumentRoute, async ({ params, body, principal, requestId }) => {
  return { body: await revokeDocument(documentDeps, principal, params.documentId, body.reason, requestId) };
});
