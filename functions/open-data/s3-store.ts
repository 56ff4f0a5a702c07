// S3 adapter of the open-data store: objects under open-data/ (the path CloudFront serves them at), each with its
// content type; the bucket is versioned, so every night's change keeps the version before it.
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { OPEN_DATA_KEY_PREFIX } from '../../lib/platform/open-data';
import type { OpenDataStore } from './domain/export';

export function s3OpenDataStore(bucket: string, region?: string, client = new S3Client(region ? { region } : {})): OpenDataStore {
  return {
    async read(path) {
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: `${OPEN_DATA_KEY_PREFIX}${path}` }));
        return Body ? await Body.transformToString('utf-8') : undefined;
      } catch (error) {
        if (error instanceof NoSuchKey) {
          return undefined;
        }
        throw error;
      }
    },
    async write(file) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `${OPEN_DATA_KEY_PREFIX}${file.path}`,
          Body: file.body,
          ContentType: file.contentType,
          // CloudFront and browsers may keep a copy for an hour: the files change at most nightly.
          CacheControl: 'public, max-age=3600',
        }),
      );
    },
  };
}
