// The audit checkpoints in AWS: an S3 bucket with Object Lock (compliance mode) whose policy refuses any PutObject
// without If-None-Match, so an object, once written, is neither replaced nor removed before its retention ends
// (lib/constructs/audit-checkpoint-bucket.ts). Hand-signed requests (functions/shared/s3-requests.ts), no S3 client.
import { createHash } from 'node:crypto';
import { lambdaS3Signing, S3RequestError, type S3Signing, signedS3 } from '../shared/s3-requests';
import { type CheckpointEntry, type CheckpointStore, checkpointEntry, checkpointPrefix } from './domain/checkpoints';

export function s3CheckpointStore(bucket: string, signing: S3Signing = lambdaS3Signing()): CheckpointStore {
  const s3 = signedS3(bucket, signing);
  return {
    async put(entry, token) {
      try {
        // Object Lock wants the body's MD5; If-None-Match makes a second write of a key fail (412), not add a version.
        await s3.put(entry.key, token, { 'content-type': 'application/jose', 'content-md5': createHash('md5').update(token).digest('base64'), 'if-none-match': '*' });
        return 'written';
      } catch (error) {
        if (error instanceof S3RequestError && error.status === 412) {
          return 'exists';
        }
        throw error;
      }
    },
    async list(subject) {
      const entries: CheckpointEntry[] = [];
      for await (const key of s3.keys(checkpointPrefix(subject))) {
        const entry = checkpointEntry(key);
        if (entry) {
          entries.push(entry);
        }
      }
      return entries;
    },
    async read(key) {
      return (await s3.get(key))?.toString('utf8');
    },
  };
}
