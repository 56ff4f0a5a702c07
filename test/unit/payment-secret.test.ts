// The notification route's signing key in AWS: read from Secrets Manager by the ARN CDK gives it, kept five
// minutes (a new key is picked up without a deployment); a secret without a value is an error, never an empty key.
// Locally the simulator's key comes from the environment. Secrets Manager has no local engine: its client is mocked.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { refreshEnvironment } from '../../functions/shared/environment';
import { notificationSecret } from '../../functions/payments/provider';

const ARN = 'arn:aws:secretsmanager:me-central-1:111111111111:secret:khidma/dev/payment-notification-secret-AbCdEf';
const secrets = mockClient(SecretsManagerClient);
const saved = { ...process.env };

beforeAll(() => {
  delete process.env.PAYMENT_NOTIFICATION_SECRET;
  process.env.PAYMENT_NOTIFICATION_SECRET_ARN = ARN;
  refreshEnvironment();
});

afterAll(() => {
  process.env = saved;
  refreshEnvironment();
  secrets.restore();
});

test('a secret without a string value is an error, not an empty key', async () => {
  secrets.on(GetSecretValueCommand).resolves({});
  await expect(notificationSecret()).rejects.toThrow('no string value');
});

test('reads the secret by its ARN, once for five minutes', async () => {
  secrets.reset();
  secrets.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: 'provider-shared-key' });
  expect(await notificationSecret()).toBe('provider-shared-key');
  expect(await notificationSecret()).toBe('provider-shared-key');
  expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
});

test("locally, the simulator's key in the environment wins", async () => {
  process.env.PAYMENT_NOTIFICATION_SECRET = 'simulator-key';
  refreshEnvironment();
  expect(await notificationSecret()).toBe('simulator-key');
});
