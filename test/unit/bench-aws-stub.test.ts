// The bench's stand-in for SQS and CloudWatch answers what a cold-started handler asks of it: a queue URL the SQS
// client can then send the queue's requests to (it sends them to the URL itself), the queue ages, and KMS's public key and
// signatures (the document signer of get-jwks and issue-documents).
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { type AwsStub, startAwsStub } from '../../bench/harness/aws-stub';
import { kmsSigner } from '../../functions/documents/kms-signer';
import { KMSClient } from '@aws-sdk/client-kms';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createPublicKey } from 'node:crypto';
import { s3CheckpointStore } from '../../functions/registry/s3-checkpoints';

describe('bench AWS stub', () => {
  let stub: AwsStub;
  const options = () => ({ endpoint: stub.url, region: 'me-central-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1 });

  beforeAll(async () => {
    stub = await startAwsStub();
  });
  afterAll(() => stub.close());

  it('gives queue URLs on its own address, so the queue requests that follow reach it', async () => {
    const sqs = new SQSClient(options());
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'khidma-prod-dvld-tasks' }));
    expect(QueueUrl).toBe(`${stub.url}/000000000000/khidma-prod-dvld-tasks`);
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'QueueArn'] }));
    // What a redrive reads before it starts the move: the dead-letter queue's ARN.
    expect(Attributes).toEqual({ ApproximateNumberOfMessages: '0', QueueArn: 'arn:aws:sqs:me-central-1:000000000000:khidma-prod-dvld-tasks' });
    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: Attributes!.QueueArn }));
    const cloudWatch = new CloudWatchClient(options());
    await cloudWatch.send(new GetMetricDataCommand({ StartTime: new Date(Date.now() - 600_000), EndTime: new Date(), MetricDataQueries: [] }));
    expect(stub.take().map((call) => call.target)).toEqual(['AmazonSQS.GetQueueUrl', 'AmazonSQS.GetQueueAttributes', 'AmazonSQS.StartMessageMoveTask', 'GraniteServiceVersion20100801.GetMetricData']);
  });

  it("answers KMS with a real P-256 public key, so get-jwks's signer publishes a JWK, and well-formed ECDSA signatures", async () => {
    const signer = kmsSigner('alias/bench', new KMSClient(options()));
    const [jwk] = await signer.publicKeys();
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(await signer.keyId()).toBe(jwk!.kid);
    expect(createPublicKey({ key: jwk as never, format: 'jwk' }).asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
    // The DER signature turned into JOSE's r||s, 32 bytes each, as ES256 wants it.
    expect(await signer.sign(Buffer.from('header.payload'))).toHaveLength(64);
    expect(stub.take().map((call) => call.target)).toEqual(['TrentService.GetPublicKey', 'TrentService.Sign']);
  });

  it("answers S3's REST requests (path style, at the endpoint the SDK's variables name) as an empty bucket, so verify-audit lists its checkpoints", async () => {
    const store = s3CheckpointStore('audit-bucket', { region: 'me-central-1', credentials: async () => ({ accessKeyId: 'bench', secretAccessKey: 'bench' }), endpoint: stub.url });
    expect(await store.list('persons:9861012345')).toEqual([]);
    expect(await store.read('persons:9861012345/x')).toBeUndefined();
    const calls = stub.take();
    expect(calls.map((call) => call.target)).toEqual(['S3.ListObjectsV2', 'S3.GetObject']);
    // Replayed by the reference as they went: method and path.
    expect(calls[0]).toMatchObject({ method: 'GET', path: expect.stringMatching(/^\/audit-bucket\/\?.*list-type=2/) });
  });

  it("answers GetSecretValue with the secret it was given (the payment provider's key notify-payment checks), and no secret without one", async () => {
    const SecretId = 'arn:aws:secretsmanager:me-central-1:000000000000:secret:khidma-prod-payment-notification-bench';
    const keyed = await startAwsStub({ secretString: 'the provider key' });
    try {
      const secrets = new SecretsManagerClient({ ...options(), endpoint: keyed.url });
      expect(await secrets.send(new GetSecretValueCommand({ SecretId }))).toMatchObject({ ARN: SecretId, SecretString: 'the provider key' });
      expect(keyed.take().map((call) => call.target)).toEqual(['secretsmanager.GetSecretValue']);
    } finally {
      await keyed.close();
    }
    await expect(new SecretsManagerClient(options()).send(new GetSecretValueCommand({ SecretId }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    stub.take();
  });
});
