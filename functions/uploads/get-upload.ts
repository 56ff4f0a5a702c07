import { getUploadRoute } from '../../lib/catalogue/uploads';
import { httpHandler } from '../shared/http';
import { uploadDeps } from './deps';
import { getUpload } from './domain/uploads';

export const handler = httpHandler(getUploadRoute, async ({ params, principal }) => {
  return { body: await getUpload(uploadDeps, principal, params.uploadId) };
});
