// S3's REST API signed with Signature V4 by hand (@smithy/signature-v4, already in every bundle for DynamoDB): the
// few object requests the platform's buckets need (get, put, delete, list, tagging) without the S3 client, which
// adds ~180 KB to a function (over the 400 KB budget). test/unit/s3-requests.test.ts checks each request's
// signature against the one the SDK's S3 client sends for the same credentials and time.
import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { SignatureV4 } from '@smithy/signature-v4';
import { environment } from './environment';

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
  /** The HTTP client (node:https unless a test hands in its own, e.g. the global fetch). */
  readonly fetch?: S3Fetch;
  /**
   * Where the function's own requests go instead of S3 (path style), as the SDK's clients honour AWS_ENDPOINT_URL_S3
   * and AWS_ENDPOINT_URL: the bench's stand-in (bench/harness/aws-stub.ts). Presigned URLs, for browsers, name S3.
   */
  readonly endpoint?: string;
}

/** What the requests need of an HTTP client: fetch's shape, so a test can hand in fetch itself. */
export type S3Fetch = (
  url: string,
  init: { readonly method: string; readonly headers: Record<string, string>; readonly body?: string | Buffer },
) => Promise<{ readonly ok: boolean; readonly status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/**
 * The default client, node:http(s): not fetch, whose implementation (undici) Node loads on its first call, some 15 to
 * 50 ms of a cold start (bench/PERFORMANCE.md, as for the MFA check), where node:https is already loaded by the AWS SDK.
 */
const nodeFetch: S3Fetch = (url, { method, headers, body }) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    // A length, not chunked transfer encoding, which S3 refuses for a plain PutObject (fetch sets it too).
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    const sent = (target.protocol === 'http:' ? httpRequest : httpsRequest)(target, { method, headers: { ...headers, ...length } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () => {
        const status = response.statusCode ?? 0;
        const answer = Buffer.concat(chunks);
        resolve({ ok: status >= 200 && status <= 299, status, arrayBuffer: async () => answer.buffer.slice(answer.byteOffset, answer.byteOffset + answer.byteLength) as ArrayBuffer });
      });
    });
    sent.once('error', reject);
    sent.end(body);
  });

export const lambdaS3Signing = (region?: string): S3Signing => {
  const { AWS_REGION, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL } = environment();
  const endpoint = AWS_ENDPOINT_URL_S3 ?? AWS_ENDPOINT_URL;
  return { region: region ?? AWS_REGION ?? 'us-east-1', credentials: fromEnv(), ...(endpoint ? { endpoint } : {}) };
};

export interface S3RequestOptions {
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

/** An S3 answer other than 2xx (404 included, for the callers that treat it as absent). */
export class S3RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'S3RequestError';
  }
}

const encodeKey = (key: string) => key.split('/').map(encodeURIComponent).join('/');
const queryString = (query: Record<string, string>) =>
  Object.entries(query)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === '' ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`))
    .join('&');

export type SignedS3 = ReturnType<typeof signedS3>;

/** Signed requests to one bucket (virtual-hosted style, as the SDK sends them). */
export function signedS3(bucket: string, signing: S3Signing) {
  const host = `${bucket}.s3.${signing.region}.amazonaws.com`;
  const now = signing.now ?? (() => new Date());
  const signer = new SignatureV4({ credentials: signing.credentials, region: signing.region, service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });
  const request = (method: string, key: string, query: Record<string, string>, headers: Record<string, string>, body?: string | Buffer) => ({
    method,
    protocol: 'https:',
    hostname: host,
    path: `/${encodeKey(key)}`,
    query,
    headers: { host, ...headers },
    body,
  });
  // The function's own requests: to S3 (virtual-hosted, as the SDK sends them), or to the endpoint given (path style).
  const base = signing.endpoint ? new URL(signing.endpoint) : undefined;
  const sent = (method: string, key: string, query: Record<string, string>, headers: Record<string, string>, body?: string | Buffer) =>
    base
      ? { ...request(method, key, query, headers, body), protocol: base.protocol, hostname: base.hostname, ...(base.port ? { port: Number(base.port) } : {}), path: `/${bucket}/${encodeKey(key)}`, headers: { ...headers, host: base.host } }
      : request(method, key, query, headers, body);
  const origin = base ? base.origin : `https://${host}`;

  /** Sends one signed request; a non-2xx answer throws S3RequestError with S3's error code. */
  async function send(method: string, key: string, options: S3RequestOptions = {}): Promise<Buffer> {
    const query = options.query ?? {};
    const payload = createHash('sha256')
      .update(options.body ?? '')
      .digest('hex');
    const outgoing = sent(method, key, query, { ...options.headers, 'x-amz-content-sha256': payload }, options.body);
    const signed = await signer.sign(outgoing, { signingDate: now() });
    const search = queryString(query);
    const response = await (signing.fetch ?? nodeFetch)(`${origin}${outgoing.path}${search ? `?${search}` : ''}`, {
      method,
      headers: signed.headers as Record<string, string>,
      body: options.body,
    });
    const answer = Buffer.from(await response.arrayBuffer());
    if (!response.ok) {
      const code = /<Code>([^<]*)<\/Code>/.exec(answer.toString('utf8'))?.[1] ?? `Http${response.status}`;
      throw new S3RequestError(response.status, code, `S3 ${method} ${key}${search ? `?${search}` : ''}: ${response.status} ${code}`);
    }
    return answer;
  }

  return {
    host,
    signer,
    request,
    send,
    /** The object's bytes, or undefined when there is no such key. */
    async get(key: string): Promise<Buffer | undefined> {
      try {
        return await send('GET', key);
      } catch (error) {
        if (error instanceof S3RequestError && error.status === 404) {
          return undefined;
        }
        throw error;
      }
    },
    async put(key: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<void> {
      await send('PUT', key, { headers, body });
    },
    async remove(key: string): Promise<void> {
      await send('DELETE', key);
    },
    /** Every key under the prefix, page by page (ListObjectsV2). */
    async *keys(prefix: string): AsyncGenerator<string> {
      let token: string | undefined;
      do {
        const page = (await send('GET', '', { query: { 'list-type': '2', prefix, ...(token ? { 'continuation-token': token } : {}) } })).toString('utf8');
        for (const [, key] of page.matchAll(/<Key>([^<]*)<\/Key>/g)) {
          yield unescapeXml(key!);
        }
        token = /<IsTruncated>true<\/IsTruncated>/.test(page) ? unescapeXml(/<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(page)?.[1] ?? '') : undefined;
      } while (token);
    },
  };
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, name: string) =>
    name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : entities[name]!,
  );

