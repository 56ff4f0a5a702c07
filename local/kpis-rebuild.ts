// `npm run kpis:rebuild [-- --stage <name>]`: recomputes the KPI aggregates from the event history. Without
// --stage it rebuilds the running local cloud's (found in .local/cloud.json); with it, the AWS stage's tables
// with the default AWS credentials and region. Live counting waits meanwhile (its events are retried).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../lib/platform/tables';
import { rebuildFromTables } from '../functions/kpis/rebuild';
import { LocalCloudError, readState } from './state';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { stage: { type: 'string' } } });
  try {
    const local = values.stage ? undefined : readState(path.resolve(process.env.KHIDMA_LOCAL_DIR ?? '.local'));
    const stage = values.stage ?? local!.stage;
    const client = DynamoDBDocumentClient.from(new DynamoDBClient(local ? { endpoint: local.dynamoDbEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}), {
      marshallOptions: { removeUndefinedValues: true },
    });
    const result = await rebuildFromTables(client, { applications: tableName(stage, 'applications'), metrics: tableName(stage, 'metrics'), catalogue: tableName(stage, 'catalogue') });
    console.log(`KPIs rebuilt on ${stage}: ${result.events} events replayed, ${result.counted} counted, ${result.cells} cells written`);
    return 0;
  } catch (error) {
    console.error(error instanceof LocalCloudError ? error.message : `rebuild failed: ${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
