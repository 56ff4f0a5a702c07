// The upload bucket in AWS, signed with Signature V4 by hand (@smithy/signature-v4, already in every bundle for
// DynamoDB): a presigned POST whose policy pins the exact key, content type, length range and the pending tag
// (as @aws-sdk/s3-presigned-post builds it), a presigned GET (as @aws-sdk/s3-request-presigner does), and the
// object's tags read and written. The S3 client would add ~180 KB to each function that uses the bucket (over the
// 400 KB budget); test/unit/s3-signing.test.ts checks these against the SDK's own presigners. The hash and the
// signing settings are shared with the audit checkpoints (functions/shared/s3-signing.ts).
import { createHash, createHmac } from 'node:crypto';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { createScope, getSigningKey, SignatureV4 } from '@smithy/signature-v4';
import { encodeS3Key, type S3Signing, Sha256 } from '../shared/s3-signing';
import type { ObjectStorage } from './domain/uploads';
import { PENDING_TAGGING, STATE_TAG } from './tags';

export { type S3Signing, Sha256 } from '../shared/s3-signing';

const iso8601 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const encodeKey = encodeS3Key;

export function s3Storage(bucket: string, signing: S3Signing = { region: process.env.AWS_REGION ?? 'us-east-1', credentials: fromEnv() }): ObjectStorage {
  const host = `${bucket}.s3.${signing.region}.amazonaws.com`;
  const now = signing.now ?? (() => new Date());
  const signer = new SignatureV4({ credentials: signing.credentials, region: signing.region, service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const request = (method: string, key: string, query: Record<string, string>, headers: Record<string, string> = {}, body?: string) => ({
    method,
    protocol: 'https:',
    hostname: host,
    path: `/${encodeKey(key)}`,
    query,
    headers: { host, ...headers },
    body,
  });
  const send = async (method: string, key: string, headers: Record<string, string> = {}, body?: string): Promise<string> => {
    const payload = createHash('sha256').update(body ?? '').digest('hex');
    const signed = await signer.sign(request(method, key, { tagging: '' }, { ...headers, 'x-amz-content-sha256': payload }, body), { signingDate: now() });
    const response = await fetch(`https://${host}/${encodeKey(key)}?tagging`, { method, headers: signed.headers as Record<string, string>, body });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`S3 ${method} ?tagging of ${key}: ${response.status} ${text.slice(0, 200)}`);
    }
    return text;
  };

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
      return { url: `https://${host}/`, fields: { ...fields, key, Policy: policy, 'X-Amz-Signature': signature } };
    },
    async presignGet({ key, contentType, filename, expiresAt }) {
      const date = now();
      const query = { 'response-content-disposition': `attachment; filename="${filename}"`, 'response-content-type': contentType, 'x-id': 'GetObject' };
      const signed = await signer.presign(request('GET', key, query, { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD', 'x-amz-checksum-mode': 'ENABLED' }), {
        signingDate: date,
        expiresIn: Math.max(1, Math.floor((expiresAt.getTime() - date.getTime()) / 1000)),
        unsignableHeaders: new Set(['content-type']),
      });
      const search = Object.entries(signed.query ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
        .join('&');
      return `https://${host}${signed.path}?${search}`;
    },
    async keep(key) {
      const current = await send('GET', key);
      const tags = [...current.matchAll(/<Tag><Key>([^<]*)<\/Key><Value>([^<]*)<\/Value><\/Tag>/g)].filter(([, name]) => name !== STATE_TAG);
      const body = `<Tagging><TagSet>${[...tags.map(([, name, value]) => [name, value]), [STATE_TAG, 'submitted']]
        .map(([name, value]) => `<Tag><Key>${name}</Key><Value>${value}</Value></Tag>`)
        .join('')}</TagSet></Tagging>`;
      await send('PUT', key, { 'content-md5': createHash('md5').update(body).digest('base64'), 'content-type': 'application/xml' }, body);
    },
  };
}
