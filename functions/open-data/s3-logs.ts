// S3 adapter of the open-data distribution's CloudFront standard logs (gzip files under cloudfront/).
import { gunzipSync } from 'node:zlib';
import { DeleteObjectCommand, GetObjectCommand, paginateListObjectsV2, S3Client } from '@aws-sdk/client-s3';
import { OPEN_DATA_CLOUDFRONT_LOG_PREFIX } from '../../lib/platform/open-data';
import type { LogSource } from './domain/downloads';

export function s3LogSource(bucket: string, region?: string, client = new S3Client(region ? { region } : {})): LogSource {
  return {
    async *keys() {
      for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: OPEN_DATA_CLOUDFRONT_LOG_PREFIX })) {
        for (const object of page.Contents ?? []) {
          if (object.Key) {
            yield object.Key;
          }
        }
      }
    },
    async read(key) {
      const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const bytes = Buffer.from((await Body?.transformToByteArray()) ?? []);
      return (key.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
