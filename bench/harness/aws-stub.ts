// Stands in for the AWS services the local cloud has no engine for (Step Functions, EventBridge, SQS, SES, SNS, CloudWatch, KMS,
// Secrets Manager) when a bundled handler is cold-started in its own process: a success answer in each service's protocol,
// so the first event runs the handler's real SDK call, minus AWS's own latency.
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AwsStub {
  readonly url: string;
  readonly calls: Map<string, number>;
  /** Each request since the last take (target and body), in order; the record starts afresh. */
  take(): Array<{ readonly target: string; readonly body: string; readonly at: number; readonly method?: string; readonly path?: string }>;
  close(): Promise<void>;
}

type Answer = { status?: number; type?: string; body: string };

export interface AwsStubOptions {
  /** What GetSecretValue answers for any secret: the payment provider's notification key (the only secret a function reads). */
  readonly secretString?: string;
}

export async function startAwsStub(options: AwsStubOptions = {}): Promise<AwsStub> {
  const calls = new Map<string, number>();
  let requests: Array<{ target: string; body: string; at: number; method?: string; path?: string }> = [];
  let url = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const s3 = s3Operation(req.method ?? 'GET', req.url ?? '/', req.headers['x-amz-target']);
      const target = String(req.headers['x-amz-target'] ?? s3 ?? (req.url?.startsWith('/v2/email') ? 'SES.SendEmail' : `Query.${new URLSearchParams(body).get('Action')}`));
      calls.set(target, (calls.get(target) ?? 0) + 1);
      // S3's REST requests are replayed by method and path (bench/sections/cold-reference.ts).
      requests.push({ target, body, at: performance.now(), ...(s3 ? { method: req.method, path: req.url } : {}) });
      const answer = s3 ? s3Answer(s3, req.url ?? '/') : answerFor(target, body, url, options);
      res.writeHead(answer.status ?? 200, { 'content-type': answer.type ?? 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    take: () => {
      const taken = requests;
      requests = [];
      return taken;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const json = (value: unknown): Answer => ({ body: JSON.stringify(value) });

/**
 * S3 (path style, functions/shared/s3-requests.ts with AWS_ENDPOINT_URL): every other service here is a POST, S3's
 * reads and writes are not. An empty bucket: a listing with no keys, no object to get, a write accepted.
 */
function s3Operation(method: string, path: string, target: string | string[] | undefined): string | undefined {
  if (target !== undefined || method === 'POST') {
    return undefined;
  }
  const listing = new URL(path, 'http://stub').searchParams.get('list-type') === '2';
  const operation = { GET: listing ? 'ListObjectsV2' : 'GetObject', PUT: 'PutObject', DELETE: 'DeleteObject', HEAD: 'HeadObject' }[method];
  return operation && `S3.${operation}`;
}

function s3Answer(target: string, path: string): Answer {
  const xml = (body: string, status = 200): Answer => ({ status, type: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` });
  switch (target) {
    case 'S3.ListObjectsV2': {
      const url = new URL(path, 'http://stub');
      const bucket = url.pathname.split('/')[1] ?? '';
      return xml(`<ListBucketResult><Name>${bucket}</Name><Prefix>${url.searchParams.get('prefix') ?? ''}</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>`);
    }
    case 'S3.GetObject':
    case 'S3.HeadObject':
      return xml('<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>', 404);
    case 'S3.DeleteObject':
      return { status: 204, body: '' };
    default:
      return { type: 'application/xml', body: '' };
  }
}
/** KMS's asymmetric signing key (ECC_NIST_P256): a real public key and real DER signatures, as the document signer expects. */
const kmsKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** `url`: the stub's own address, where a queue URL must point (the SQS client sends each queue's requests to its URL). */
function answerFor(target: string, body: string, url: string, options: AwsStubOptions): Answer {
  const input = target.includes('.') && body.startsWith('{') ? (JSON.parse(body) as Record<string, any>) : {};
  const operation = target.slice(target.lastIndexOf('.') + 1);
  switch (operation) {
    case 'StartExecution':
      return json({ executionArn: `${input.stateMachineArn ?? 'arn'}:${input.name ?? 'x'}`, startDate: Date.now() / 1000 });
    case 'DescribeExecution':
      return json({ executionArn: input.executionArn, stateMachineArn: 'arn', status: 'RUNNING', startDate: Date.now() / 1000 });
    case 'PutEvents':
      return json({ FailedEntryCount: 0, Entries: (input.Entries ?? []).map(() => ({ EventId: randomUUID() })) });
    case 'GetQueueUrl':
      return json({ QueueUrl: `${url}/000000000000/${input.QueueName}` });
    case 'GetQueueAttributes': {
      // An empty queue: its ARN (a redrive needs it) and zero of every count asked for.
      const name = String(input.QueueUrl ?? '').split('/').at(-1);
      const asked: string[] = input.AttributeNames ?? [];
      return json({ Attributes: Object.fromEntries(asked.map((attribute) => [attribute, attribute === 'QueueArn' ? `arn:aws:sqs:me-central-1:000000000000:${name}` : '0'])) });
    }
    case 'StartMessageMoveTask':
      return json({ TaskHandle: randomUUID() });
    case 'SendMessage':
      return json({ MessageId: randomUUID(), MD5OfMessageBody: md5(String(input.MessageBody ?? '')) });
    case 'SendEmail':
      return { type: 'application/json', body: JSON.stringify({ MessageId: randomUUID() }) };
    case 'GetPublicKey':
      return json({ KeyId: input.KeyId, KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: ['ECDSA_SHA_256'], PublicKey: kmsKey.publicKey.export({ format: 'der', type: 'spki' }).toString('base64') });
    case 'Sign':
      // MessageType DIGEST: Node signs whole messages only, so this signs the digest hashed once more: not the
      // signature KMS would give, but well-formed DER of the same size, which is all a cold start's signer reads.
      return json({ KeyId: input.KeyId, SigningAlgorithm: 'ECDSA_SHA_256', Signature: sign('sha256', Buffer.from(String(input.Message ?? ''), 'base64'), kmsKey.privateKey).toString('base64') });
    case 'GetSecretValue': {
      const name = String(input.SecretId ?? '').split(':').at(-1);
      return options.secretString === undefined
        ? { status: 400, body: JSON.stringify({ __type: 'ResourceNotFoundException', message: `Secrets Manager can't find the specified secret.` }) }
        : json({ ARN: input.SecretId, Name: name, SecretString: options.secretString, VersionId: randomUUID(), VersionStages: ['AWSCURRENT'], CreatedDate: Date.now() / 1000 });
    }
    case 'Publish':
      return { type: 'text/xml', body: `<PublishResponse><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult></PublishResponse>` };
    default:
      return json({});
  }
}
