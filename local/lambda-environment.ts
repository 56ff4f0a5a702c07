// The environment the in-process handlers get: what CDK gives each deployed function (stage, tables, user
// pool, app clients), pointed at the local engines. One place for the local cloud and the bench's copy of it.
import { tableDefinitions, tableEnvName, tableName } from '../lib/platform/tables';
import type { LocalIdentity } from './cognito/pool';
import { refreshEnvironment } from '../functions/shared/environment';

export interface LambdaEnvironmentOptions {
  readonly stage: string;
  readonly dynamoDbEndpoint: string;
  readonly cognitoEndpoint: string;
  readonly identity: LocalIdentity;
  readonly catalogueCacheSeconds: string;
  readonly logLevel: string;
}

export function configureLambdaEnvironment(options: LambdaEnvironmentOptions): void {
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: options.dynamoDbEndpoint,
    COGNITO_ENDPOINT: options.cognitoEndpoint,
    USER_POOL_ID: options.identity.userPoolId,
    USER_POOL_CLIENT_ID: options.identity.clients.portal,
    APP_CLIENTS: Object.entries(options.identity.clients).map(([name, id]) => `${name}=${id}`).join(','),
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    STAGE: options.stage,
    CATALOGUE_CACHE_SECONDS: options.catalogueCacheSeconds,
    POWERTOOLS_SERVICE_NAME: 'khidma',
    POWERTOOLS_LOG_LEVEL: options.logLevel,
  });
  for (const table of tableDefinitions) {
    process.env[tableEnvName(table.id)] = tableName(options.stage, table.id);
  }
  // Handlers parse the environment once (functions/shared/environment.ts): this process just changed it.
  refreshEnvironment();
}
