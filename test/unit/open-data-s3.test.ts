// The S3 adapters of the open data, against a mocked S3 (no local engine for it): files under open-data/ with their
// content types, a missing file read as absent; CloudFront log files listed page by page under cloudfront/,
// gunzipped, and removed once counted.
import { gzipSync } from 'node:zlib';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { s3LogSource } from '../../functions/open-data/s3-logs';
import { s3OpenDataStore } from '../../functions/open-data/s3-store';

const s3 = mockClient(S3Client);
const body = (bytes: Buffer) => ({ transformToString: async () => bytes.toString('utf8'), transformToByteArray: async () => new Uint8Array(bytes) }) as never;

beforeEach(() => s3.reset());

test('writes each file under open-data/ with its content type, and reads a missing one as absent', async () => {
  const store = s3OpenDataStore('khidma-dev-open-data-111111111111', 'me-central-1', new S3Client({ region: 'me-central-1' }));
  s3.on(PutObjectCommand).resolves({});
  s3.on(GetObjectCommand, { Key: 'open-data/services.csv' }).resolves({ Body: body(Buffer.from('service_id\r\n')) });
  s3.on(GetObjectCommand, { Key: 'open-data/agencies.csv' }).rejects(new NoSuchKey({ message: 'none', $metadata: {} }));
  await store.write({ path: 'kpis-monthly.csv', contentType: 'text/csv; charset=utf-8', body: 'month\r\n' });
  expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({
    Bucket: 'khidma-dev-open-data-111111111111',
    Key: 'open-data/kpis-monthly.csv',
    ContentType: 'text/csv; charset=utf-8',
    Body: 'month\r\n',
  });
  expect(await store.read('services.csv')).toBe('service_id\r\n');
  expect(await store.read('agencies.csv')).toBeUndefined();
});

test('lists the log files page by page under cloudfront/, reads them gunzipped and removes them', async () => {
  const source = s3LogSource('khidma-dev-open-data-logs-111111111111', 'me-central-1', new S3Client({ region: 'me-central-1' }));
  s3.on(ListObjectsV2Command)
    .resolvesOnce({ Contents: [{ Key: 'cloudfront/E1.2026-12-06-10.a.gz' }], IsTruncated: true, NextContinuationToken: 'next' })
    .resolvesOnce({ Contents: [{ Key: 'cloudfront/E1.2026-12-06-11.b.gz' }], IsTruncated: false });
  s3.on(GetObjectCommand).resolves({ Body: body(gzipSync('#Version: 1.0\nline\n')) });
  s3.on(DeleteObjectCommand).resolves({});
  const keys: string[] = [];
  for await (const key of source.keys()) {
    keys.push(key);
  }
  expect(keys).toEqual(['cloudfront/E1.2026-12-06-10.a.gz', 'cloudfront/E1.2026-12-06-11.b.gz']);
  // Two pages, both under cloudfront/ (the paginator reuses one input object: only the last token is visible).
  const lists = s3.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input);
  expect(lists.map((input) => input.Prefix)).toEqual(['cloudfront/', 'cloudfront/']);
  expect(lists[1]!.ContinuationToken).toBe('next');
  expect(await source.read(keys[0]!)).toBe('#Version: 1.0\nline\n');
  await source.remove(keys[0]!);
  expect(s3.commandCalls(DeleteObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'khidma-dev-open-data-logs-111111111111', Key: 'cloudfront/E1.2026-12-06-10.a.gz' });
});
