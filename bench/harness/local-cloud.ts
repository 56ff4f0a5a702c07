// The local cloud of `npm start`, assembled in the bench's own process from the same modules local/start.ts
// uses, so the meter can see inside it: every handler wrapped as an invocation, DynamoDB's consumed capacity
// returned, the workflow's state transitions observed. Run it once per process (the handlers' singletons).
import path from 'node:path';
import { capabilities } from '../../lib/capabilities';
import { routeKey } from '../../lib/catalogue/types';
import { workflowAgencyIds } from '../../lib/platform/agencies';
import type { LambdaHttpHandler } from '../../functions/shared/http';
import { demoTotpFile, enrolDemoTotp, seedUsers } from '../../local/cognito/demo-accounts';
import { ensureIdentity } from '../../local/cognito/pool';
import { localTokenVerifier } from '../../local/cognito/tokens';
import { startCognito } from '../../local/cognito/emulator';
import { loadTriggerHandlers } from '../../local/cognito/triggers';
import { demoUsers } from '../../local/demo-users';
import { ensureTables, localDynamoDbClient, startDynamoDb } from '../../local/dynamodb';
import { createGateway } from '../../local/gateway';
import { configureLambdaEnvironment, setLambdaVariable } from '../../local/lambda-environment';
import { listen } from '../../local/listen';
import { startPaymentSimulator } from '../../local/payment-simulator';
import { type LocalWorkers, startWorkers } from '../../local/workers';
import type { StateTransition } from '../../local/workflow-engine';
import type { CloudAddress } from '../client';
import { assertEventWorkersMetered, captureOutput, meterDynamoDb, meterLocalCloud } from './instrument';
import { Meter } from './meter';

export const STAGE = 'local';
const root = path.resolve(__dirname, '../..');

export interface BenchCloud {
  readonly address: CloudAddress;
  readonly dataDir: string;
  readonly meter: Meter;
  readonly workers: LocalWorkers;
  /** Every state each application's execution entered, retried or left. */
  readonly transitions: Map<string, StateTransition[]>;
  /**
   * The key the provider's stand-in signs its payment notifications with: the in-process handlers' and, through the
   * AWS stub's GetSecretValue, the cold-started notify-payment's (bench/run.ts), so the one signs what the other checks.
   */
  readonly paymentNotificationSecret: string;
  stop(): Promise<void>;
}

/**
 * `catalogueCacheSeconds`: '0' unless given (figures per call are cache misses); the volume section runs it as deployed,
 * and its DynamoDB Local in memory (`inMemoryDb`: bulk loads about 5x faster, measured 110 against 602 items/s).
 */
export async function startBenchCloud(options: { dataDir: string; visibilityTimeoutMs: number; catalogueCacheSeconds?: string; inMemoryDb?: boolean }): Promise<BenchCloud> {
  const meter = new Meter();
  const stoppers: Array<() => Promise<void> | void> = [captureOutput(meter)];
  const stop = async () => {
    for (const stopper of stoppers.reverse()) {
      await Promise.resolve(stopper()).catch(() => undefined);
    }
  };
  try {
    const dynamoDb = await startDynamoDb({ port: 0, dataDir: path.join(options.dataDir, 'dynamodb'), reset: true, inMemory: options.inMemoryDb });
    stoppers.push(dynamoDb.stop);
    await ensureTables(localDynamoDbClient(dynamoDb.endpoint), STAGE);
    const cognito = await startCognito({ port: 0, dataDir: path.join(options.dataDir, 'cognito'), reset: true, outboxDir: path.join(options.dataDir, 'outbox') });
    stoppers.push(cognito.stop);
    const identity = await ensureIdentity(cognito.endpoint, STAGE);
    const subs = await seedUsers(cognito.endpoint, identity, demoUsers);
    const totpFile = demoTotpFile(path.join(options.dataDir, 'cognito'));
    await enrolDemoTotp(cognito.endpoint, identity, demoUsers.filter((user) => user.group !== 'citizen'), totpFile);
    // As the local cloud sets it, with the catalogue cache off (figures per call are cache misses) and
    // Powertools' default log level (unset in the deployed functions).
    configureLambdaEnvironment({ stage: STAGE, dynamoDbEndpoint: dynamoDb.endpoint, cognitoEndpoint: cognito.endpoint, identity, catalogueCacheSeconds: options.catalogueCacheSeconds ?? '0', logLevel: 'INFO' });
    await seed(subs);
    cognito.attachTriggers(await loadTriggerHandlers(root));
    // The bill-presentment provider's stand-in, installed as local/start.ts does (reconcile-payments reads its settlement,
    // the cold-load tour pays bills through it).
    const payments = await startPaymentSimulator();
    stoppers.push(payments.stop);
    setLambdaVariable('PAYMENT_NOTIFICATION_SECRET', payments.secret);
    const [{ installBillProvider }, { httpBillProvider }] = await Promise.all([import('../../functions/payments/provider'), import('../../functions/payments/http-provider')]);
    installBillProvider(httpBillProvider(() => payments.url));
    const { dynamo } = await import('../../functions/shared/dynamo');
    meterDynamoDb(dynamo, meter, STAGE);

    const metering = meterLocalCloud(meter, STAGE);
    stoppers.push(metering.restore);
    const workers = await startWorkers({
      stage: STAGE,
      root,
      dataDir: options.dataDir,
      dynamoDbEndpoint: dynamoDb.endpoint,
      agencyIds: workflowAgencyIds,
      // Schedules (sweeps, reconciler) stay out of the measurements.
      scheduleSeconds: 3600,
      visibilityTimeoutMs: options.visibilityTimeoutMs,
      log: () => undefined,
    });
    stoppers.push(workers.stop);
    assertEventWorkersMetered(metering.subscribed());
    const transitions = new Map<string, StateTransition[]>();
    stoppers.push(
      workers.engine.observeTransitions((applicationId, transition) => {
        transitions.set(applicationId, [...(transitions.get(applicationId) ?? []), transition]);
        meter.touch();
      }),
    );
    const gateway = createGateway({ capabilities, handlers: await meteredHandlers(meter), verifyToken: localTokenVerifier(identity) });
    const apiUrl = await listen(gateway, 0);
    stoppers.push(() => new Promise<void>((resolve) => gateway.close(() => resolve())));
    return {
      address: { apiUrl, dynamoDbEndpoint: dynamoDb.endpoint, cognitoEndpoint: cognito.endpoint, identity, totpFile, paymentProviderUrl: payments.url },
      dataDir: options.dataDir,
      meter,
      workers,
      transitions,
      paymentNotificationSecret: payments.secret,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function seed(subs: ReadonlyMap<string, string>): Promise<void> {
  const { catalogueDeps } = await import('../../functions/services/deps');
  const { loadReference } = await import('../../reference/load');
  const { referencePackage } = await import('../../reference');
  await loadReference(catalogueDeps, referencePackage);
  const { registryDeps: nationalRegistry } = await import('../../functions/registry/deps');
  const { seedRegistry } = await import('../../seed/registry');
  await seedRegistry(nationalRegistry, demoUsers, subs);
}

async function meteredHandlers(meter: Meter): Promise<Map<string, LambdaHttpHandler>> {
  const entries = await Promise.all(
    capabilities.map(async (capability) => {
      const { handler } = (await import(path.join(root, capability.entry))) as { handler: LambdaHttpHandler };
      const metered: LambdaHttpHandler = (event, context) =>
        meter.track(
          capability.id,
          'http',
          async () => {
            const response = await handler(event, context);
            meter.current()!.status = response.statusCode;
            meter.sample(capability.id, event, (response.statusCode ?? 200) < 400);
            return response;
          },
          routeKey(capability.route),
        );
      return [capability.id, metered] as const;
    }),
  );
  return new Map(entries);
}
