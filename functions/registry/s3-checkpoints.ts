// The audit checkpoints in AWS: an S3 bucket with Object Lock (compliance mode) whose policy refuses any PutObject
// without If-None-Match, so an object, once written, is neither replaced nor removed before its retention ends
// (lib/constructs/audit-checkpoint-bucket.ts). Hand-signed requests (functions/shared/s3-signing.ts), no S3 client.
import { createHash } from 'node:crypto';
import { type S3Signing, defaultS3Signing, s3Bucket } from '../shared/s3-signing';
import { type CheckpointEntry, type CheckpointStore, checkpointEntry, checkpointPrefix } from './domain/checkpoints';

const unescapeXml = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function s3CheckpointStore(bucket: string, signing: S3Signing = defaultS3Signing()): CheckpointStore {
  const send = s3Bucket(bucket, signing);
  return {
    async put(entry, token) {
      const answer = await send({
        method: 'PUT',
        key: entry.key,
        // Object Lock wants the body's MD5; If-None-Match makes a second write of a key fail (412), not add a version.
        headers: { 'content-type': 'application/jose', 'content-md5': createHash('md5').update(token).digest('base64'), 'if-none-match': '*' },
        body: token,
      });
      if (answer.status === 412) {
        return 'exists';
      }
      if (answer.status !== 200) {
        throw new Error(`S3 PUT ${entry.key}: ${answer.status} ${answer.text.slice(0, 200)}`);
      }
      return 'written';
    },
    async list(subject) {
      const entries: CheckpointEntry[] = [];
      let continuation: string | undefined;
      do {
        const query: Record<string, string> = { 'list-type': '2', prefix: checkpointPrefix(subject), ...(continuation ? { 'continuation-token': continuation } : {}) };
        const page = await send({ method: 'GET', key: '', query });
        if (page.status !== 200) {
          throw new Error(`S3 list of ${subject}'s checkpoints: ${page.status} ${page.text.slice(0, 200)}`);
        }
        for (const [, key] of page.text.matchAll(/<Key>([^<]+)<\/Key>/g)) {
          const entry = checkpointEntry(unescapeXml(key!));
          if (entry) {
            entries.push(entry);
          }
        }
        continuation = /<IsTruncated>true<\/IsTruncated>/.test(page.text) ? unescapeXml(/<NextContinuationToken>([^<]+)</.exec(page.text)?.[1] ?? '') : undefined;
      } while (continuation);
      return entries;
    },
    async read(key) {
      const object = await send({ method: 'GET', key });
      if (object.status === 404) {
        return undefined;
      }
      if (object.status !== 200) {
        throw new Error(`S3 GET ${key}: ${object.status} ${object.text.slice(0, 200)}`);
      }
      return object.text;
    },
  };
}
