// GET /v1/health: public and cheap (DescribeTable per table, answers cached a few seconds), no personal data.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { getHealthRoute } from '../../lib/catalogue/platform';
import { tableDefinitions } from '../../lib/platform/tables';
import { dynamo } from '../shared/dynamo';
import { httpHandler } from '../shared/http';
import { memoize } from '../shared/memo';
import { checkHealth } from './health-check';
import { environment } from '../shared/environment';

const CACHE_SECONDS = 5;

const tables = Object.fromEntries(
  tableDefinitions.flatMap((definition) => {
    const name = environment().tables[definition.id];
    return name ? [[definition.id, name] as const] : [];
  }),
);

const health = memoize(
  () =>
    checkHealth({
      version: environment().KHIDMA_COMMIT,
      stage: environment().STAGE,
      tables,
      probe: async (TableName) => {
        await dynamo.send(new DescribeTableCommand({ TableName }));
      },
    }),
  CACHE_SECONDS,
);

export const handler = httpHandler(getHealthRoute, async () => ({
  body: await health(),
  headers: { 'cache-control': `public, max-age=${CACHE_SECONDS}` },
}));
