import { createUploadRoute } from '../../lib/catalogue/uploads';
import { httpHandler } from '../shared/http';
import { uploadDeps } from './deps';
import { createUpload } from './domain/uploads';

export const handler = httpHandler(createUploadRoute, async ({ body, principal }) => {
  return { body: await createUpload(uploadDeps, principal, body), status: 201 };
});
