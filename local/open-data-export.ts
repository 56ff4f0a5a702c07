// `npm run open-data:export [-- --stage <name> --bucket <bucket>]`: publishes the open data now, as the nightly
// worker does. Without --stage, from the running local cloud's tables (found in .local/cloud.json) to its
// open-data folder, served under /open-data/; with it, from the AWS stage's tables to its open-data bucket, with
// the default AWS credentials and region.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../lib/platform/tables';
import { exportOpenData } from '../functions/open-data/domain/export';
import { exportDeps } from '../functions/open-data/deps';
import { fileOpenDataStore } from '../functions/open-data/file-store';
import { s3OpenDataStore } from '../functions/open-data/s3-store';
import { openDataDir } from './open-data';
import { LocalCloudError, readState } from './state';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { stage: { type: 'string' }, bucket: { type: 'string' } } });
  try {
    if (values.stage && !values.bucket) {
      throw new LocalCloudError('--stage needs --bucket: the stage\'s open-data bucket (khidma-<stage>-open-data-<account>)');
    }
    const dataDir = path.resolve(process.env.KHIDMA_LOCAL_DIR ?? '.local');
    const local = values.stage ? undefined : readState(dataDir);
    const stage = values.stage ?? local!.stage;
    const dynamoDb = new DynamoDBClient(local ? { endpoint: local.dynamoDbEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {});
    const client = DynamoDBDocumentClient.from(dynamoDb, { marshallOptions: { removeUndefinedValues: true } });
    // The bucket is signed for with the same credentials and region the DynamoDB client resolved (the default chain).
    const store = local
      ? fileOpenDataStore(openDataDir(dataDir))
      : s3OpenDataStore(values.bucket!, { region: await dynamoDb.config.region(), credentials: () => dynamoDb.config.credentials() });
    const result = await exportOpenData(exportDeps(client, { catalogue: tableName(stage, 'catalogue'), engagement: tableName(stage, 'engagement'), metrics: tableName(stage, 'metrics') }, store));
    const rows = Object.entries(result.rows).map(([name, count]) => `${name} ${count}`).join(', ');
    console.log(`Open data of ${stage} exported (rows: ${rows}): ${result.written.length} files written, ${result.unchanged.length} unchanged`);
    return 0;
  } catch (error) {
    console.error(error instanceof LocalCloudError ? error.message : `export failed: ${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  }
}

void main().then((code) => {
  process.exitCode = code;
});
