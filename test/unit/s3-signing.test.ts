// The upload bucket's presigned requests, signed by hand (functions/uploads/s3-storage.ts, to keep the S3 client out
// of the bundles), are exactly what the AWS SDK's own presigners produce for the same credentials and time.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3Storage } from '../../functions/uploads/s3-storage';
import { PENDING_TAGGING } from '../../functions/uploads/tags';

const region = 'me-central-1';
const bucket = 'khidma-prod-uploads-123456789012-me-central-1';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token' };
// Relative to the clock (any instant will do); whole seconds, as signing dates are.
const at = new Date(Math.floor(Date.now() / 1000) * 1000);
const client = new S3Client({ region, credentials });
const storage = s3Storage(bucket, { region, credentials: async () => credentials, now: () => at });
const key = 'uploads/01ARZ3NDEKTSV4RRFFQ69G5FAV';

afterEach(() => jest.restoreAllMocks());

test('the presigned POST is the SDK presigner’s: same URL, fields, policy and signature', async () => {
  jest.spyOn(Date, 'now').mockReturnValue(at.getTime());
  const official = await createPresignedPost(client, {
    Bucket: bucket,
    Key: key,
    Conditions: [['content-length-range', 1, 2048], ['eq', '$Content-Type', 'image/png'], ['eq', '$tagging', PENDING_TAGGING]],
    Fields: { 'Content-Type': 'image/png', tagging: PENDING_TAGGING },
    Expires: 900,
  });
  const ours = await storage.presignPost({ key, contentType: 'image/png', maxBytes: 2048, expiresAt: new Date(at.getTime() + 900_000) });
  expect(ours).toEqual(official);
});

test('the presigned GET is the SDK presigner’s, with the answer’s content type and disposition', async () => {
  const expiresAt = new Date(at.getTime() + 300_000);
  const official = await getSignedUrl(
    client,
    new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentType: 'image/png', ResponseContentDisposition: 'attachment; filename="personal-photo.png"' }),
    { expiresIn: 300, signingDate: at },
  );
  const ours = await storage.presignGet({ key, contentType: 'image/png', filename: 'personal-photo.png', expiresAt });
  const parts = (url: string) => {
    const parsed = new URL(url);
    return { origin: parsed.origin, path: parsed.pathname, query: [...parsed.searchParams].sort(([a], [b]) => a.localeCompare(b)) };
  };
  expect(parts(ours)).toEqual(parts(official));
});
