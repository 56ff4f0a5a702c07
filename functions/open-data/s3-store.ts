// S3 adapter of the open-data store: objects under open-data/ (the path CloudFront serves them at), each with its
// content type; the bucket is versioned, so every night's change keeps the version before it. Signed requests by
// hand (functions/shared/s3-requests.ts): the S3 client would put the export over the bundle budget.
import { OPEN_DATA_KEY_PREFIX } from '../../lib/platform/open-data';
import { lambdaS3Signing, type S3Signing, signedS3 } from '../shared/s3-requests';
import type { OpenDataStore } from './domain/export';

export function s3OpenDataStore(bucket: string, signing: S3Signing = lambdaS3Signing()): OpenDataStore {
  const s3 = signedS3(bucket, signing);
  return {
    async read(path) {
      return (await s3.get(`${OPEN_DATA_KEY_PREFIX}${path}`))?.toString('utf8');
    },
    async write(file) {
      // CloudFront and browsers may keep a copy for an hour: the files change at most nightly.
      await s3.put(`${OPEN_DATA_KEY_PREFIX}${file.path}`, file.body, { 'content-type': file.contentType, 'cache-control': 'public, max-age=3600' });
    },
  };
}
