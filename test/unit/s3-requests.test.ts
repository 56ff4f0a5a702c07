// The hand-signed S3 requests (functions/shared/s3-requests.ts) and the open-data adapters on them, against a
// stand-in S3 reached through the injected fetch (there is no local S3 engine): it checks every request's
// Signature V4 from the wire as S3 does (its own canonical request, not the signer's), keeps objects in memory and
// answers as S3's REST API does (404 NoSuchKey, ListObjectsV2 one key per page, XML-escaped keys).
import { createHash, createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { s3LogSource } from '../../functions/open-data/s3-logs';
import { s3OpenDataStore } from '../../functions/open-data/s3-store';
import { S3RequestError, signedS3, type S3Signing } from '../../functions/shared/s3-requests';

const region = 'me-central-1';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token' };

const rfc3986 = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** What S3 checks of a signed request: the signature over its own canonical request of what arrived. */
function checkSignature(url: URL, method: string, headers: Record<string, string>, body: Buffer): string | undefined {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(headers.authorization ?? '');
  if (!auth) {
    return 'AuthorizationHeaderMalformed';
  }
  const [, accessKey, day, signedRegion, signedHeaders, signature] = auth;
  if (accessKey !== credentials.accessKeyId || signedRegion !== region || headers['x-amz-security-token'] !== credentials.sessionToken) {
    return 'InvalidAccessKeyId';
  }
  if (headers['x-amz-content-sha256'] !== sha256(body)) {
    return 'XAmzContentSHA256Mismatch';
  }
  const query = [...url.searchParams].map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`).sort().join('&');
  const names = signedHeaders!.split(';');
  const canonical = [method, url.pathname, query, ...names.map((name) => `${name}:${(headers[name] ?? '').trim()}`), '', signedHeaders, headers['x-amz-content-sha256']].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', headers['x-amz-date'], scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day!), region), 's3'), 'aws4_request');
  return names.includes('host') && hmac(key, toSign).toString('hex') === signature ? undefined : 'SignatureDoesNotMatch';
}

function fakeS3(bucket: string) {
  const objects = new Map<string, { body: Buffer; headers: Record<string, string> }>();
  const requests: string[] = [];
  const answer = (status: number, body: string | Uint8Array = '') => new Response(status === 204 ? null : body, { status });
  const error = (status: number, code: string) => answer(status, `<?xml version="1.0"?><Error><Code>${code}</Code></Error>`);
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([name, value]) => [name.toLowerCase(), value]));
    const body = Buffer.from((init?.body as string | Buffer | undefined) ?? '');
    const key = decodeURIComponent(url.pathname.slice(1));
    requests.push(`${method} ${url.pathname}${url.search}`);
    if (url.hostname !== `${bucket}.s3.${region}.amazonaws.com`) {
      return error(404, 'NoSuchBucket');
    }
    const refused = checkSignature(url, method, headers, body);
    if (refused) {
      return error(403, refused);
    }
    if (method === 'GET' && url.searchParams.get('list-type') === '2') {
      const keys = [...objects.keys()].filter((name) => name.startsWith(url.searchParams.get('prefix') ?? '')).sort();
      const from = Number(url.searchParams.get('continuation-token') ?? 0);
      const more = from + 1 < keys.length;
      const contents = keys.slice(from, from + 1).map((name) => `<Contents><Key>${xml(name)}</Key></Contents>`).join('');
      return answer(200, `<ListBucketResult><IsTruncated>${more}</IsTruncated>${contents}${more ? `<NextContinuationToken>${from + 1}</NextContinuationToken>` : ''}</ListBucketResult>`);
    }
    if (method === 'PUT') {
      objects.set(key, { body, headers });
      return answer(200);
    }
    const object = objects.get(key);
    if (method === 'DELETE') {
      objects.delete(key);
      return answer(204);
    }
    return object ? answer(200, new Uint8Array(object.body)) : error(404, 'NoSuchKey');
  };
  return { objects, requests, fetch: fetch as typeof globalThis.fetch };
}

const signing = (s3: ReturnType<typeof fakeS3>, secret = credentials.secretAccessKey): S3Signing => ({
  region,
  credentials: async () => ({ ...credentials, secretAccessKey: secret }),
  fetch: s3.fetch,
});

test('open-data files are written under open-data/ with their content type and cache lifetime; a missing one reads as absent', async () => {
  const s3 = fakeS3('khidma-dev-open-data-111111111111');
  const store = s3OpenDataStore('khidma-dev-open-data-111111111111', signing(s3));
  await store.write({ path: 'kpis-monthly.csv', contentType: 'text/csv; charset=utf-8', body: 'month,مؤشر\r\n' });
  const written = s3.objects.get('open-data/kpis-monthly.csv')!;
  expect(written.body.toString('utf8')).toBe('month,مؤشر\r\n');
  expect(written.headers).toMatchObject({ 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'public, max-age=3600' });
  expect(await store.read('kpis-monthly.csv')).toBe('month,مؤشر\r\n');
  expect(await store.read('agencies.csv')).toBeUndefined();
});

test('CloudFront log files are listed page by page under cloudfront/, read gunzipped and removed', async () => {
  const bucket = 'khidma-dev-open-data-logs-111111111111';
  const s3 = fakeS3(bucket);
  const names = ['cloudfront/E1.2026-12-06-10.a&b.gz', 'cloudfront/E1.2026-12-06-11.b.gz', 'cloudfront/E1.2026-12-06-12.c.gz'];
  for (const name of names) {
    s3.objects.set(name, { body: gzipSync(`#Version: 1.0\n${name}\n`), headers: {} });
  }
  s3.objects.set('elsewhere/other.gz', { body: Buffer.alloc(0), headers: {} });
  const source = s3LogSource(bucket, signing(s3));
  const keys: string[] = [];
  for await (const key of source.keys()) {
    keys.push(key);
  }
  expect(keys).toEqual(names);
  expect(s3.requests.filter((request) => request.includes('list-type=2'))).toHaveLength(3);
  expect(await source.read(keys[0]!)).toBe(`#Version: 1.0\n${names[0]}\n`);
  await source.remove(keys[0]!);
  expect([...s3.objects.keys()].sort()).toEqual(['cloudfront/E1.2026-12-06-11.b.gz', 'cloudfront/E1.2026-12-06-12.c.gz', 'elsewhere/other.gz']);
});

test('a request S3 refuses is an error naming S3’s code, never read as an empty answer', async () => {
  const s3 = fakeS3('khidma-dev-open-data-111111111111');
  const store = s3OpenDataStore('khidma-dev-open-data-111111111111', signing(s3, 'not-the-secret'));
  await expect(store.read('services.csv')).rejects.toMatchObject({ name: 'S3RequestError', status: 403, code: 'SignatureDoesNotMatch' });
  const tagging = signedS3('khidma-dev-open-data-111111111111', signing(s3));
  await tagging.put('uploads/a b+c', 'x');
  expect(s3.requests.at(-1)).toBe('PUT /uploads/a%20b%2Bc');
  await expect(tagging.send('GET', 'uploads/none', { query: { tagging: '' } })).rejects.toBeInstanceOf(S3RequestError);
});
