import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { checkHealth } from '../../functions/platform/health-check';

// A DynamoDB endpoint nothing listens on: the real client, failing the way an unreachable table does.
const nowhere = new DynamoDBClient({
  endpoint: 'http://127.0.0.1:9',
  region: 'local',
  maxAttempts: 1,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

test('a table that does not answer makes the platform degraded, and says which', async () => {
  const health = await checkHealth({
    version: 'abc1234',
    stage: 'dev',
    tables: { catalogue: 'khidma-dev-catalogue', audit: 'khidma-dev-audit' },
    probe: async (TableName) => {
      if (TableName === 'khidma-dev-audit') {
        await nowhere.send(new DescribeTableCommand({ TableName }));
      }
    },
  });
  expect(health).toEqual({
    status: 'degraded',
    version: 'abc1234',
    stage: 'dev',
    tables: { catalogue: 'reachable', audit: 'unreachable' },
  });
});
