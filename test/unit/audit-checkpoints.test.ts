// Audit checkpoints: keys that list newest first, signatures checked against the issuer's keys, the chain held
// against every checkpoint, and the S3 adapter's requests (write-once PUT, paged listing) against a stand-in server.
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { nextRecord, type AuditEntry } from '../../functions/registry/domain/audit-chain';
import { checkpointEntry, checkpointHeads, checkpointKey, type CheckpointStore, contradictedCheckpoint, readCheckpoint } from '../../functions/registry/domain/checkpoints';
import { localKeySigner } from '../../functions/documents/local-key-signer';
import { fileCheckpointStore } from '../../functions/registry/file-checkpoints';
import { type StandIn, type StandInRequest, standIn } from '../support/stand-in-server';
import { s3CheckpointStore } from '../../functions/registry/s3-checkpoints';
import type { AuditRecord } from '../../schemas/registry';

const SUBJECT = 'persons:9861012345';
const entry = (n: number): AuditEntry => ({ subject: SUBJECT, action: 'registry.read', at: `2026-11-22T10:00:0${n}.000Z`, actor: { id: `o-${n}`, role: 'officer' }, fields: ['fullName'] });
function chain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let n = 1; n <= length; n++) {
    records.push(nextRecord(records.at(-1), entry(n)));
  }
  return records;
}

const folder = mkdtempSync(path.join(os.tmpdir(), 'checkpoints-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const signer = localKeySigner(path.join(folder, 'key.pem'));

describe('checkpoint keys and signatures', () => {
  it('sorts a subject’s checkpoints newest first and reads back what each names', () => {
    const keys = [1, 9, 10, 123].map((seq) => checkpointKey(SUBJECT, seq, 'a'.repeat(64)));
    expect([...keys].sort().map((key) => checkpointEntry(key)!.seq)).toEqual([123, 10, 9, 1]);
    expect(keys[0]).toBe(`persons%3A9861012345/999999999998-${'a'.repeat(64)}.jws`);
    expect(checkpointEntry('persons%3A1/not-a-checkpoint.txt')).toBeUndefined();
  });

  it('signs each chain’s head once per batch, and trusts only tokens the issuer key signed for that subject', async () => {
    const written: Array<{ key: string; token: string }> = [];
    const store: CheckpointStore = { put: async (at, token) => (written.push({ key: at.key, token }), 'written'), list: async () => [], read: async () => undefined };
    const records = chain(3);
    await checkpointHeads({ checkpoints: store, signer, now: () => new Date('2026-11-22T10:01:00Z') }, records);
    expect(written.map(({ key }) => checkpointEntry(key))).toEqual([{ key: written[0]!.key, seq: 3, hash: records[2]!.hash }]);
    const keys = await signer.publicKeys();
    expect(readCheckpoint(written[0]!.token, keys, SUBJECT)).toMatchObject({ seq: 3, hash: records[2]!.hash, checkpointedAt: '2026-11-22T10:01:00.000Z' });
    expect(readCheckpoint(written[0]!.token, keys, 'persons:1')).toBeUndefined();
    const [header, payload, signature] = written[0]!.token.split('.');
    const altered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), seq: 2 })).toString('base64url');
    expect(readCheckpoint(`${header}.${altered}.${signature}`, keys, SUBJECT)).toBeUndefined();
  });
});

describe('a chain held against its checkpoints', () => {
  const records = chain(5);
  const at = (seq: number, hash = records[seq - 1]!.hash) => ({ key: checkpointKey(SUBJECT, seq, hash), seq, hash });

  it('finds nothing wrong with a chain that holds every checkpoint', () => {
    expect(contradictedCheckpoint(records, [at(5), at(3)])).toBeUndefined();
  });

  it('names the highest checkpoint past the chain’s end as truncation', () => {
    expect(contradictedCheckpoint(records.slice(0, 2), [at(5), at(3)])).toEqual({ entry: at(5), problemCode: 'truncated', firstBrokenSeq: 3 });
  });

  it('names the first checkpoint whose record differs as a rewrite, even when a later one matches', () => {
    expect(contradictedCheckpoint(records, [at(5), at(3, 'b'.repeat(64))])).toEqual({ entry: at(3, 'b'.repeat(64)), problemCode: 'checkpoint_mismatch', firstBrokenSeq: 3 });
  });
});

describe('the local store', () => {
  it('writes a key once and lists newest first', async () => {
    const store = fileCheckpointStore(path.join(folder, 'store'));
    const first = checkpointEntry(checkpointKey(SUBJECT, 1, 'a'.repeat(64)))!;
    const second = checkpointEntry(checkpointKey(SUBJECT, 2, 'b'.repeat(64)))!;
    expect(await store.put(first, 'one')).toBe('written');
    expect(await store.put(first, 'forged')).toBe('exists');
    expect(await store.put(second, 'two')).toBe('written');
    expect((await store.list(SUBJECT)).map((entry) => entry.seq)).toEqual([2, 1]);
    expect(await store.read(first.key)).toBe('one');
    expect(await store.list('persons:none')).toEqual([]);
  });
});

describe('the S3 store', () => {
  const requests: StandInRequest[] = [];
  const objects = new Map<string, string>();
  let server: StandIn;
  let endpoint: string;

  beforeAll(async () => {
    server = await standIn((request) => {
      requests.push(request);
      const url = new URL(request.url, 'http://stand-in');
      const key = decodeURIComponent(url.pathname.slice(1));
      if (request.method === 'PUT') {
        const exists = objects.has(key);
        if (!exists) {
          objects.set(key, request.body);
        }
        return { status: exists ? 412 : 200 };
      }
      if (key === '') {
        // Listing: one key per page, to exercise the continuation.
        const keys = [...objects.keys()].filter((name) => name.startsWith(url.searchParams.get('prefix')!)).sort();
        const start = Number(url.searchParams.get('continuation-token') ?? 0);
        const more = start + 1 < keys.length;
        return {
          status: 200,
          body: `<ListBucketResult>${keys[start] ? `<Contents><Key>${keys[start]}</Key></Contents>` : ''}<IsTruncated>${more}</IsTruncated>${more ? `<NextContinuationToken>${start + 1}</NextContinuationToken>` : ''}</ListBucketResult>`,
        };
      }
      return { status: objects.has(key) ? 200 : 404, body: objects.get(key) ?? '<Error/>' };
    });
    endpoint = server.url;
  });
  afterAll(() => server.close());

  it('puts with If-None-Match and the body’s MD5, signed; a second put of a key is refused; listings follow continuations', async () => {
    const store = s3CheckpointStore('audit-bucket', {
      region: 'me-central-1',
      credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }),
      // The bucket's address, answered by the stand-in server.
      fetch: (url, init) => fetch(String(url).replace('https://audit-bucket.s3.me-central-1.amazonaws.com', endpoint), init),
    });
    const first = checkpointEntry(checkpointKey(SUBJECT, 1, 'a'.repeat(64)))!;
    const second = checkpointEntry(checkpointKey(SUBJECT, 2, 'b'.repeat(64)))!;
    expect(await store.put(first, 'one')).toBe('written');
    const put = requests[0]!;
    expect(put.headers).toMatchObject({
      'if-none-match': '*',
      'content-md5': createHash('md5').update('one').digest('base64'),
      authorization: expect.stringMatching(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/me-central-1\/s3\/aws4_request, SignedHeaders=.*if-none-match.*, Signature=[0-9a-f]{64}$/),
    });
    expect(await store.put(first, 'forged')).toBe('exists');
    expect(await store.put(second, 'two')).toBe('written');
    expect((await store.list(SUBJECT)).map((entry) => entry.seq)).toEqual([2, 1]);
    expect(await store.read(second.key)).toBe('two');
    expect(await store.read(checkpointKey(SUBJECT, 3, 'c'.repeat(64)))).toBeUndefined();
  });
});
