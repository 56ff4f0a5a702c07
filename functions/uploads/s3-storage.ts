// The upload bucket in AWS: presigned POSTs (conditions: exact key, content type, length range, the pending tag)
// and presigned GETs. The bucket's default encryption (its KMS key) applies to every object.
import { GetObjectCommand, GetObjectTaggingCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectStorage } from './domain/uploads';
import { PENDING_TAGGING, STATE_TAG } from './tags';

const secondsUntil = (date: Date) => Math.max(1, Math.floor((date.getTime() - Date.now()) / 1000));

export function s3Storage(bucket: string, client = new S3Client({})): ObjectStorage {
  return {
    async presignPost({ key, contentType, maxBytes, expiresAt }) {
      const { url, fields } = await createPresignedPost(client, {
        Bucket: bucket,
        Key: key,
        Conditions: [['content-length-range', 1, maxBytes], ['eq', '$Content-Type', contentType], ['eq', '$tagging', PENDING_TAGGING]],
        Fields: { 'Content-Type': contentType, tagging: PENDING_TAGGING },
        Expires: secondsUntil(expiresAt),
      });
      return { url, fields };
    },
    async presignGet({ key, contentType, filename, expiresAt }) {
      const command = new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentType: contentType, ResponseContentDisposition: `attachment; filename="${filename}"` });
      return getSignedUrl(client, command, { expiresIn: secondsUntil(expiresAt) });
    },
    async keep(key) {
      const { TagSet = [] } = await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
      const others = TagSet.filter((tag) => tag.Key !== STATE_TAG);
      await client.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet: [...others, { Key: STATE_TAG, Value: 'submitted' }] } }));
    },
  };
}
