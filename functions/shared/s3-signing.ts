// S3 requests signed with Signature V4 by hand (@smithy/signature-v4, already in every bundle for DynamoDB) and
// sent with fetch: the S3 client would add ~180 KB to each function that uses a bucket (over the 400 KB budget).
// Shared by the upload bucket (functions/uploads/s3-storage.ts) and the audit checkpoints (functions/registry).
import { createHash, createHmac } from 'node:crypto';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { SignatureV4 } from '@smithy/signature-v4';

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: Data) => (typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));

/** SHA-256, or HMAC-SHA256 with a key, as the signer's Checksum constructor. */
export class Sha256 {
  private hash;
  constructor(secret?: Data) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {}
}

export interface S3Signing {
  readonly region: string;
  readonly credentials: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>;
  readonly now?: () => Date;
  /** Another endpoint than the bucket's virtual host (tests): `http://127.0.0.1:port`. */
  readonly endpoint?: string;
}

export const defaultS3Signing = (region = process.env.AWS_REGION ?? 'us-east-1'): S3Signing => ({ region, credentials: fromEnv() });

export const encodeS3Key = (key: string) => key.split('/').map(encodeURIComponent).join('/');

export interface S3Request {
  readonly method: 'GET' | 'PUT';
  /** '' for the bucket itself (a listing). */
  readonly key: string;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface S3Answer {
  readonly status: number;
  readonly text: string;
}

/** Sends signed requests to one bucket; the payload's SHA-256 is signed too. Answers every status (the caller decides). */
export function s3Bucket(bucket: string, signing: S3Signing = defaultS3Signing()): (request: S3Request) => Promise<S3Answer> {
  const host = `${bucket}.s3.${signing.region}.amazonaws.com`;
  const base = signing.endpoint ?? `https://${host}`;
  const now = signing.now ?? (() => new Date());
  const signer = new SignatureV4({ credentials: signing.credentials, region: signing.region, service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  return async ({ method, key, query = {}, headers = {}, body }) => {
    const payload = createHash('sha256').update(body ?? '').digest('hex');
    const path = `/${encodeS3Key(key)}`;
    const signed = await signer.sign(
      { method, protocol: 'https:', hostname: host, path, query, headers: { host, ...headers, 'x-amz-content-sha256': payload }, body },
      { signingDate: now() },
    );
    const search = Object.entries(query)
      .map(([name, value]) => (value === '' ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`))
      .join('&');
    const response = await fetch(`${base}${path}${search ? `?${search}` : ''}`, { method, headers: signed.headers as Record<string, string>, body });
    return { status: response.status, text: await response.text() };
  };
}
