// The local cloud's S3 stand-in for uploads: files under <data>/uploads, written only through a presigned POST
// (multipart form, as a browser sends it) whose policy it checks as S3 does (signature, expiry, exact key,
// content type, content-length-range), and read only through a signed, expiring GET link. Each stored file is
// handed to `onStored` (the malware scanner), after the POST has been answered, as GuardDuty scans after upload.
//
//   POST /                 the presigned POST: fields, then the file (named `file`) → 204, or an S3-style XML error
//   GET  /uploads/{id}?…   a signed download link → the file
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { getLinkText, type PostPolicy, signatureMatches } from '../functions/uploads/local-storage';
import { listen } from './listen';

export interface ObjectStore {
  readonly url: string;
  readonly secret: string;
  /** Tags a stored object submitted (its metadata file beside it), as PutObjectTagging does. */
  keep(key: string): Promise<void>;
  stop(): Promise<void>;
}

/** S3's largest POST body we read at all: the platform's 10 MB and the form around it. */
const MAX_BODY_BYTES = 10 * 1024 * 1024 + 64 * 1024;

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(request: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** One condition of a POST policy: a field's exact value, or the file's length range. */
function checkCondition(condition: PostPolicy['conditions'][number], form: FormData, size: number): void {
  if (Array.isArray(condition)) {
    const [, min, max] = condition as readonly [string, number, number];
    if (size < min || size > max) {
      throw new S3Error(400, size > max ? 'EntityTooLarge' : 'EntityTooSmall', `Your proposed upload is ${size} bytes; the policy allows ${min} to ${max}`);
    }
    return;
  }
  for (const [field, value] of Object.entries(condition)) {
    if (form.get(field) !== value) {
      throw new S3Error(403, 'AccessDenied', `Invalid according to Policy: Policy Condition failed: ["eq", "$${field}", "${value}"]`);
    }
  }
}

/** Checks the form against its signed policy; returns the key, content type and file. */
function checkPost(secret: string, form: FormData, now: Date): { key: string; contentType: string; bytes: Promise<ArrayBuffer> } {
  const denied = (message: string) => new S3Error(403, 'AccessDenied', message);
  const policyText = form.get('Policy');
  const signature = form.get('X-Amz-Signature');
  const file = form.get('file');
  if (typeof policyText !== 'string' || typeof signature !== 'string' || !signatureMatches(secret, policyText, signature)) {
    throw denied('The request signature we calculated does not match the signature you provided');
  }
  if (!(file instanceof Blob)) {
    throw new S3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request');
  }
  const policy = JSON.parse(Buffer.from(policyText, 'base64').toString('utf8')) as PostPolicy;
  if (Date.parse(policy.expiration) <= now.getTime()) {
    throw denied('Invalid according to Policy: Policy expired.');
  }
  policy.conditions.forEach((condition) => checkCondition(condition, form, file.size));
  return { key: form.get('key') as string, contentType: form.get('Content-Type') as string, bytes: file.arrayBuffer() };
}

export async function startObjectStore(options: { dir: string; onStored: (key: string, bytes: Buffer) => Promise<void>; log?: (line: string) => void }): Promise<ObjectStore> {
  const secret = randomBytes(32).toString('hex');
  const fileOf = (key: string) => path.join(options.dir, ...key.split('/'));
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': '*' };

  async function post(request: http.IncomingMessage): Promise<{ key: string; bytes: Buffer }> {
    const body = await readBody(request);
    const form = await new Request('http://local/', { method: 'POST', headers: { 'content-type': request.headers['content-type'] ?? '' }, body }).formData().catch(() => {
      throw new S3Error(400, 'MalformedPOSTRequest', 'The body of your POST request is not well-formed multipart/form-data');
    });
    const checked = checkPost(secret, form, new Date());
    const bytes = Buffer.from(await checked.bytes);
    mkdirSync(path.dirname(fileOf(checked.key)), { recursive: true });
    writeFileSync(fileOf(checked.key), bytes);
    writeFileSync(`${fileOf(checked.key)}.meta.json`, JSON.stringify({ contentType: checked.contentType, tags: { 'khidma-state': 'pending' } }));
    return { key: checked.key, bytes };
  }

  function get(url: URL): { bytes: Buffer; headers: Record<string, string> } {
    const key = decodeURIComponent(url.pathname.slice(1));
    const [expires, contentType, filename, signature] = ['expires', 'content-type', 'filename', 'signature'].map((name) => url.searchParams.get(name) ?? '');
    if (!signatureMatches(secret, getLinkText(key, expires!, contentType!, filename!), signature!)) {
      throw new S3Error(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided');
    }
    if (Number(expires) * 1000 <= Date.now()) {
      throw new S3Error(403, 'AccessDenied', 'Request has expired');
    }
    if (!/^uploads\/[0-9A-Z]{26}$/.test(key) || !existsSync(fileOf(key))) {
      throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    }
    return { bytes: readFileSync(fileOf(key)), headers: { 'content-type': contentType!, 'content-disposition': `attachment; filename="${filename}"` } };
  }

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const answer = async () => {
      if (request.method === 'OPTIONS') {
        response.writeHead(204, cors).end();
      } else if (request.method === 'POST' && url.pathname === '/') {
        const stored = await post(request);
        response.writeHead(204, { ...cors, location: `/${stored.key}` }).end();
        // Scanned after the upload is answered, as GuardDuty scans an object once it is stored.
        setImmediate(() => void options.onStored(stored.key, stored.bytes).catch((error: Error) => options.log?.(`scan of ${stored.key} failed: ${error.message}`)));
      } else if (request.method === 'GET') {
        const found = get(url);
        response.writeHead(200, { ...cors, ...found.headers }).end(found.bytes);
      } else {
        throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
      }
    };
    answer().catch((error: unknown) => {
      const s3 = error instanceof S3Error ? error : new S3Error(500, 'InternalError', 'We encountered an internal error. Please try again.');
      // The rest of an over-long body is not read: the connection closes after the answer.
      response.writeHead(s3.status, { ...cors, 'content-type': 'application/xml', connection: 'close' });
      response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${s3.code}</Code><Message>${s3.message.replace(/[<>&"]/g, '')}</Message></Error>\n`);
    });
  });
  const url = await listen(server, 0);
  const keep = async (key: string) => {
    const meta = `${fileOf(key)}.meta.json`;
    const current = JSON.parse(readFileSync(meta, 'utf8')) as { contentType: string; tags: Record<string, string> };
    writeFileSync(meta, JSON.stringify({ ...current, tags: { ...current.tags, 'khidma-state': 'submitted' } }));
  };
  return { url, secret, keep, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
