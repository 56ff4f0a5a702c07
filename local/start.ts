// `npm start`: the whole platform on this machine — DynamoDB Local, a Cognito emulator, the API gateway, seeded data.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { capabilities } from '../lib/capabilities';
import type { LambdaHttpHandler } from '../functions/shared/http';
import { demoTotpFile, enrolDemoTotp, seedUsers } from './cognito/demo-accounts';
import { ensureIdentity } from './cognito/pool';
import { localTokenVerifier } from './cognito/tokens';
import { startCognito } from './cognito/emulator';
import { loadTriggerHandlers } from './cognito/triggers';
import { demoPassword, demoUsers } from './demo-users';
import { ensureTables, localDynamoDbClient, startDynamoDb } from './dynamodb';
import { configureLambdaEnvironment, setLambdaVariable } from './lambda-environment';
import { createGateway } from './gateway';
import { openDataFiles } from './open-data';
import { portalFiles } from './portal';
import { localCorsOrigins } from '../lib/platform/cors';
import { tryItCommands } from './hints';
import { listen } from './listen';
import { LocalCloudError, removeState, writeState } from './state';
import { startWorkers } from './workers';
import { closeServer, type Stopper, stopInTurn } from './shutdown';
import { startPaymentSimulator } from './payment-simulator';
import { liveSwitches, readSwitches, standby, writeSwitches } from './region-switch';
import { workflowAgencyIds } from '../lib/platform/agencies';
import type { LoadReport } from '../reference/load';

// Lambda runs nodejs22.x; locally Node 20 is supported too, so the SDK's Node-version warning is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const STAGE = 'local';
const root = path.resolve(__dirname, '..');

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'dynamodb-port': { type: 'string', default: process.env.DYNAMODB_PORT ?? '8000' },
    'cognito-port': { type: 'string', default: process.env.COGNITO_PORT ?? '9229' },
    'data-dir': { type: 'string', default: process.env.KHIDMA_LOCAL_DIR ?? '.local' },
    'cache-seconds': { type: 'string', default: process.env.CATALOGUE_CACHE_SECONDS ?? '5' },
    'schedule-seconds': { type: 'string', default: process.env.KHIDMA_SCHEDULE_SECONDS ?? '30' },
    reset: { type: 'boolean', default: false },
    // A DR region's local cloud: schedules and stream consumers off until `npm run failover -- --stage local`.
    standby: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    'ready-json': { type: 'boolean', default: false },
  },
});

const dataDir = path.resolve(args['data-dir']);
const stoppers: Stopper[] = [];
/** Each part gets this long to stop; one that takes longer is named on stderr and the process exits anyway. */
const STOP_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const dynamoDb = await startDynamoDb({
    port: port(args['dynamodb-port'], '--dynamodb-port'),
    dataDir: path.join(dataDir, 'dynamodb'),
    reset: args.reset,
  });
  stoppers.unshift({ name: 'DynamoDB Local', stop: dynamoDb.stop });
  await ensureTables(localDynamoDbClient(dynamoDb.endpoint), STAGE);

  const cognito = await startCognito({
    port: port(args['cognito-port'], '--cognito-port'),
    dataDir: path.join(dataDir, 'cognito'),
    reset: args.reset,
    outboxDir: path.join(dataDir, 'outbox'),
  });
  stoppers.unshift({ name: 'Cognito emulator', stop: cognito.stop });
  const identity = await ensureIdentity(cognito.endpoint, STAGE);
  const subs = await seedUsers(cognito.endpoint, identity, demoUsers);
  const totpFile = demoTotpFile(path.join(dataDir, 'cognito'));
  await enrolDemoTotp(cognito.endpoint, identity, demoUsers.filter((user) => user.group !== 'citizen'), totpFile);

  configureLambdaEnvironment({
    stage: STAGE,
    dynamoDbEndpoint: dynamoDb.endpoint,
    cognitoEndpoint: cognito.endpoint,
    identity,
    catalogueCacheSeconds: args['cache-seconds'],
    logLevel: process.env.POWERTOOLS_LOG_LEVEL ?? (args.quiet ? 'ERROR' : 'WARN'),
  });
  const { catalogueDeps } = await import('../functions/services/deps');
  // The same reference package and loader the deployment runs in every stage; then demo data, local only.
  const { loadReference } = await import('../reference/load');
  const { referencePackage } = await import('../reference');
  const seeded = await loadReference(catalogueDeps, referencePackage);
  const [{ registryDeps: nationalRegistry }, { seedRegistry }] = await Promise.all([import('../functions/registry/deps'), import('../seed/registry')]);
  await seedRegistry(nationalRegistry, demoUsers, subs);
  cognito.attachTriggers(await loadTriggerHandlers(root));

  // The bill-presentment provider's stand-in: bills, payments with signed notifications, settlements, refunds.
  const payments = await startPaymentSimulator();
  stoppers.unshift({ name: 'payment simulator', stop: payments.stop });
  setLambdaVariable('PAYMENT_NOTIFICATION_SECRET', payments.secret);
  const { installBillProvider } = await import('../functions/payments/provider');
  const { httpBillProvider } = await import('../functions/payments/http-provider');
  installBillProvider(httpBillProvider(() => payments.url));

  if (args.standby) {
    writeSwitches(dataDir, standby);
  }
  const workers = await startWorkers({
    stage: STAGE,
    root,
    dataDir,
    dynamoDbEndpoint: dynamoDb.endpoint,
    agencyIds: workflowAgencyIds,
    scheduleSeconds: Number(args['schedule-seconds']),
    log: args.quiet ? () => undefined : (line) => console.log(line),
  });
  stoppers.unshift({ name: 'workers', stop: workers.stop });
  // A previous run may have stopped (or crashed) with applications mid-workflow: resume them.
  const reconciled = readSwitches(dataDir).schedules ? await workers.reconcileNow() : { resumed: [] };

  const gateway = createGateway({
    capabilities,
    handlers: await loadHandlers(),
    verifyToken: localTokenVerifier(identity),
    cors: { allowOrigins: localCorsOrigins, allowMethods: [...new Set(capabilities.map((capability) => capability.route.method))] },
    files: openDataFiles(dataDir, portalFiles({ cognitoEndpoint: cognito.endpoint, clientId: identity.clients.portal, paymentPageUrl: `${payments.url}/pay`, uploadsUrl: workers.uploadsUrl })),
    log: args.quiet ? undefined : (line) => console.log(line),
    fenced: ((switches) => () => switches().fenced)(liveSwitches(dataDir)),
  });
  const apiUrl = await listen(gateway, port(args.port, '--port'));
  tellApiUrl(apiUrl, payments);
  stoppers.unshift({ name: 'API gateway', stop: () => closeServer(gateway, 2_000) });

  const outbox = path.join(dataDir, 'outbox');
  const events = workers.bus.file;
  const state = { apiUrl, paymentProviderUrl: payments.url, dynamoDbEndpoint: dynamoDb.endpoint, cognitoEndpoint: cognito.endpoint, stage: STAGE, identity, outbox, events, totpFile, pid: process.pid };
  writeState(dataDir, state);
  stoppers.push({ name: 'state file', stop: async () => removeState(dataDir) });
  if (args['ready-json']) {
    console.log(JSON.stringify({ ready: true, ...state, resumed: reconciled.resumed.length }));
  } else {
    printBanner(apiUrl, seeded);
    if (reconciled.resumed.length > 0) {
      console.log(`  Resumed the workflow of ${reconciled.resumed.length} application(s) left in progress by the last run.\n`);
    }
  }
}

/** What needs the gateway's address once it listens: the payment provider's notifications, the links documents print. */
function tellApiUrl(apiUrl: string, payments: { notifyTo(url: string): void }): void {
  payments.notifyTo(`${apiUrl}/v1/payments/notifications`);
  setLambdaVariable('PUBLIC_BASE_URL', apiUrl);
}

async function loadHandlers(): Promise<Map<string, LambdaHttpHandler>> {
  const entries = await Promise.all(
    capabilities.map(async (capability) => {
      const module = (await import(path.join(root, capability.entry))) as { handler: LambdaHttpHandler };
      return [capability.id, module.handler] as const;
    }),
  );
  return new Map(entries);
}

function port(value: string, flag: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new LocalCloudError(`${flag} must be a port number between 0 and 65535, got "${value}"`);
  }
  return parsed;
}

function printBanner(apiUrl: string, seeded: LoadReport): void {
  const users = demoUsers.map((user) => `    ${user.username.padEnd(18)} ${user.group.padEnd(10)} ${user.description}`);
  console.log(
    [
      '',
      `Khidma local cloud is running at ${apiUrl}`,
      `  Portal (Arabic; English one click away): ${apiUrl}/`,
      `  reference package ${seeded.version}: ${seeded.services.created} services created, ${seeded.services.updated} updated, ${seeded.services.unchanged} unchanged, ${seeded.skipped.length} edited by operators kept`,
      '',
      `  Demo users (password for all: ${demoPassword}):`,
      ...users,
      '',
      '  Try it (the README has every journey; `npm run demo` runs one and tells it):',
      ...tryItCommands(apiUrl).map((command) => `    ${command}`),
      '',
      '  Ctrl-C stops everything. `npm start -- --reset` starts from fresh data.',
      '',
    ].join('\n'),
  );
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) {
    return;
  }
  stopping = true;
  const late = await stopInTurn(stoppers, STOP_GRACE_MS);
  if (late.length > 0) {
    console.error(`Khidma local cloud: ${late.join(', ')} did not stop within ${STOP_GRACE_MS / 1000} s; exiting anyway`);
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  if (error instanceof LocalCloudError) {
    console.error(`\nKhidma local cloud could not start: ${error.message}\n`);
  } else {
    console.error('\nKhidma local cloud failed to start:', error);
  }
  await shutdown(1);
});
