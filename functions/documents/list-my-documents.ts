import { listMyDocumentsRoute } from '../../lib/catalogue/journey';
import { scoped } from '../registry/context';
import { httpHandler } from '../shared/http';
import { documentDeps } from './deps';
import { listMyDocuments } from './domain/documents';

export const handler = httpHandler(listMyDocumentsRoute, async ({ caller, requestId }) => {
  const { principal } = await scoped(caller, requestId);
  return { body: await listMyDocuments(documentDeps, principal) };
});
