import { listMyDocumentsRoute } from '../../lib/catalogue/journey';
import { httpHandler } from '../shared/http';
import { documentDeps } from './deps';
import { listMyDocuments } from './domain/documents';

export const handler = httpHandler(listMyDocumentsRoute, async ({ principal }) => {
  return { body: await listMyDocuments(documentDeps, principal) };
});
