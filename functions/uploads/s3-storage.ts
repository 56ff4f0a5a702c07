// The upload bucket in AWS, signed with Signature V4 by hand (functions/shared/s3-requests.ts): a presigned POST
// whose policy pins the exact key, content type, length range and the pending tag (as @aws-sdk/s3-presigned-post
// builds it), a presigned GET (as @aws-sdk/s3-request-presigner does), and the
// object's tags read and written. The S3 client would add ~180 KB to each function that uses the bucket (over the
// 400 KB budget); test/unit/s3-signing.test.ts checks these against the SDK's own presigners.
import { createHash, createHmac } from 'node:crypto';
import { createScope, getSigningKey } from '@smithy/signature-v4';
import { lambdaS3Signing, type S3Signing, Sha256, signedS3 } from '../shared/s3-requests';
import type { ObjectStorage } from './domain/uploads';
import { PENDING_TAGGING, STATE_TAG } from './tags';

const iso8601 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function s3Storage(bucket: string, signing: S3Signing = lambdaS3Signing()): ObjectStorage {
  const s3 = signedS3(bucket, signing);
  const now = signing.now ?? (() => new Date());
  const tagging = (method: string, key: string, headers?: Record<string, string>, body?: string) => s3.send(method, key, { query: { tagging: '' }, headers, body });

  return {
    async presignPost({ key, contentType, maxBytes, expiresAt }) {
      const date = now();
      const signingDate = iso8601(date).replace(/[-:]/g, '');
      const shortDate = signingDate.slice(0, 8);
      const credentials = await signing.credentials();
      const fields: Record<string, string> = {
        'Content-Type': contentType,
        tagging: PENDING_TAGGING,
        bucket,
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Credential': `${credentials.accessKeyId}/${createScope(shortDate, signing.region, 's3')}`,
        'X-Amz-Date': signingDate,
        ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
      };
      const conditions = [
        ['content-length-range', 1, maxBytes],
        ['eq', '$Content-Type', contentType],
        ['eq', '$tagging', PENDING_TAGGING],
        ...Object.entries(fields).map(([name, value]) => ({ [name]: value })),
        { key },
      ];
      const policy = Buffer.from(JSON.stringify({ expiration: iso8601(expiresAt), conditions })).toString('base64');
      const signingKey = await getSigningKey(Sha256, credentials, shortDate, signing.region, 's3');
      const signature = createHmac('sha256', Buffer.from(signingKey)).update(policy).digest('hex');
      return { url: `https://${s3.host}/`, fields: { ...fields, key, Policy: policy, 'X-Amz-Signature': signature } };
    },
    async presignGet({ key, contentType, filename, expiresAt }) {
      const date = now();
      const query = { 'response-content-disposition': `attachment; filename="${filename}"`, 'response-content-type': contentType, 'x-id': 'GetObject' };
      const signed = await s3.signer.presign(s3.request('GET', key, query, { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD', 'x-amz-checksum-mode': 'ENABLED' }), {
        signingDate: date,
        expiresIn: Math.max(1, Math.floor((expiresAt.getTime() - date.getTime()) / 1000)),
        unsignableHeaders: new Set(['content-type']),
      });
      const search = Object.entries(signed.query ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
        .join('&');
      return `https://${s3.host}${signed.path}?${search}`;
    },
    async keep(key) {
      const current = (await tagging('GET', key)).toString('utf8');
      const tags = [...current.matchAll(/<Tag><Key>([^<]*)<\/Key><Value>([^<]*)<\/Value><\/Tag>/g)].filter(([, name]) => name !== STATE_TAG);
      const body = `<Tagging><TagSet>${[...tags.map(([, name, value]) => [name, value]), [STATE_TAG, 'submitted']]
        .map(([name, value]) => `<Tag><Key>${name}</Key><Value>${value}</Value></Tag>`)
        .join('')}</TagSet></Tagging>`;
      await tagging('PUT', key, { 'content-md5': createHash('md5').update(body).digest('base64'), 'content-type': 'application/xml' }, body);
    },
  };
}
