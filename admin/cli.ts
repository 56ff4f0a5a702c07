// `npm run admin -- create-operator --email <address> [--username <name>] (--stage <stage> | --local)`
//
// The first operator of a new deployment: nobody can call POST /v1/staff before an operator exists. Creates the
// Cognito account in the operator group and its identity link in the registry, through the same use case as
// POST /v1/staff. The operator signs in with a temporary password, must choose their own, and is refused every
// staff route until they enrol an authenticator app (TOTP). In AWS Cognito emails the temporary password to
// the address (credentials: the usual AWS chain, e.g. AWS_PROFILE); with --local it is printed, since the
// local cloud sends no email.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient, paginateListUserPools } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cognitoDirectory } from '../functions/registry/cognito-directory';
import { provisionStaff } from '../functions/registry/domain/identity';
import { dynamoRegistry } from '../functions/registry/dynamo-registry';
import { HttpError } from '../functions/shared/errors';
import { dynamoAttemptCounter } from '../functions/shared/dynamo-attempts';
import { stageConfig } from '../lib/config/stages';
import { tableName } from '../lib/platform/tables';
import { CreateStaffBody } from '../schemas/registry';
import { LocalCloudError, readState } from '../local/state';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const usage = 'usage: npm run admin -- create-operator --email <address> [--username <name>] (--stage <stage> | --local)';

interface Target {
  readonly stage: string;
  readonly dynamo: DynamoDBClient;
  readonly cognito: CognitoIdentityProviderClient;
  readonly userPoolId: string;
  /** Where the temporary password goes: printed (local cloud) or emailed by Cognito (AWS). */
  readonly printPassword: boolean;
}

/** The running local cloud, found through its state file (KHIDMA_LOCAL_DIR for another --data-dir). */
function localTarget(): Target {
  const state = readState(process.env.KHIDMA_LOCAL_DIR ?? '.local');
  const local = { region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  return {
    stage: state.stage,
    dynamo: new DynamoDBClient({ ...local, endpoint: state.dynamoDbEndpoint }),
    cognito: new CognitoIdentityProviderClient({ ...local, endpoint: state.cognitoEndpoint }),
    userPoolId: state.identity.userPoolId,
    printPassword: true,
  };
}

/** A deployed stage: its primary region, and the user pool the Identity stack names `khidma-<stage>`. */
async function awsTarget(stage: string): Promise<Target> {
  const config = stageConfig(stage);
  const cognito = new CognitoIdentityProviderClient({ region: config.primaryRegion });
  for await (const page of paginateListUserPools({ client: cognito }, { MaxResults: 60 })) {
    const pool = page.UserPools?.find((candidate) => candidate.Name === `khidma-${config.stage}`);
    if (pool?.Id) {
      return { stage: config.stage, dynamo: new DynamoDBClient({ region: config.primaryRegion }), cognito, userPoolId: pool.Id, printPassword: false };
    }
  }
  throw new Error(`No user pool khidma-${config.stage} in ${config.primaryRegion}: has the stage been deployed?`);
}

/** Meets the pool's password policy: upper and lower case, digits and a symbol. */
const temporaryPassword = () => `Khidma-${randomBytes(12).toString('base64url')}-7a`;

async function createOperator(target: Target, email: string, username: string): Promise<void> {
  const documents = DynamoDBDocumentClient.from(target.dynamo);
  const deps = {
    store: dynamoRegistry(documents, { registry: tableName(target.stage, 'registry'), audit: tableName(target.stage, 'audit') }),
    directory: cognitoDirectory(target.cognito, { userPoolId: target.userPoolId, clientId: 'admin' }),
    attempts: dynamoAttemptCounter(documents, () => tableName(target.stage, 'idempotency')),
    now: () => new Date(),
    agencyExists: async () => false,
  };
  const password = target.printPassword ? temporaryPassword() : undefined;
  const created = await provisionStaff(deps, { username, email, role: 'operator', ...(password ? { temporaryPassword: password } : {}) });
  console.log(`Created operator ${created.username} (${created.status}) in stage ${target.stage}.`);
  console.log(password ? `Temporary password: ${password}` : `Cognito has emailed the temporary password to ${email}.`);
  console.log('At first sign-in they choose a password, then enrol an authenticator app: POST /v1/me/mfa/totp and /v1/me/mfa/totp/verify.');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { email: { type: 'string' }, username: { type: 'string' }, stage: { type: 'string' }, local: { type: 'boolean', default: false } },
  });
  if (positionals.join(' ') !== 'create-operator' || !values.email || Boolean(values.stage) === values.local) {
    console.error(usage);
    return 2;
  }
  const username = values.username ?? values.email.split('@')[0]!.toLowerCase();
  const checked = CreateStaffBody.safeParse({ username, email: values.email, role: 'operator', fullName: { ar: 'مشغل', en: 'Operator' } });
  if (!checked.success) {
    console.error(`Invalid ${checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}\n${usage}`);
    return 2;
  }
  await createOperator(values.local ? localTarget() : await awsTarget(values.stage!), checked.data.email, checked.data.username);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A refusal of the use case (e.g. 409 username_taken) or a local cloud that is not running: one clear line.
    const known = error instanceof HttpError || error instanceof LocalCloudError;
    console.error(known ? `${error instanceof HttpError ? `${error.code}: ` : ''}${error.message}` : error);
    process.exit(1);
  },
);
