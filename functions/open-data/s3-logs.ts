// S3 adapter of the open-data distribution's CloudFront standard logs (gzip files under cloudfront/), through the
// hand-signed S3 requests (functions/shared/s3-requests.ts).
import { gunzipSync } from 'node:zlib';
import { OPEN_DATA_CLOUDFRONT_LOG_PREFIX } from '../../lib/platform/open-data';
import { lambdaS3Signing, type S3Signing, signedS3 } from '../shared/s3-requests';
import type { LogSource } from './domain/downloads';

export function s3LogSource(bucket: string, signing: S3Signing = lambdaS3Signing()): LogSource {
  const s3 = signedS3(bucket, signing);
  return {
    keys: () => s3.keys(OPEN_DATA_CLOUDFRONT_LOG_PREFIX),
    async read(key) {
      const bytes = (await s3.get(key)) ?? Buffer.alloc(0);
      return (key.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    },
    remove: (key) => s3.remove(key),
  };
}
