import { downloadDocumentRoute } from '../../lib/catalogue/uploads';
import { httpHandler } from '../shared/http';
import { uploadDeps } from './deps';
import { downloadLink } from './domain/uploads';

export const handler = httpHandler(downloadDocumentRoute, async ({ params, principal, requestId }) => {
  return { body: await downloadLink(uploadDeps, principal, params.applicationId, params.uploadId, requestId) };
});
