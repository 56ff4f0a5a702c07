// Starts and stops `local/start.ts` as a child process group, as `npm start` would run it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export interface RunningCloud {
  readonly process: ChildProcess;
  readonly dataDir: string;
  readonly state: {
    apiUrl: string;
    paymentProviderUrl: string;
    dynamoDbEndpoint: string;
    cognitoEndpoint: string;
    stage: string;
    identity: { userPoolId: string; issuer: string; jwksUri: string; clients: Record<string, string> };
    /** Folder of the emulated email and SMS (cognito-messages.jsonl). */
    outbox: string;
    /** The local event bus's log (events.jsonl). */
    events: string;
    totpFile: string;
  };
}

const root = path.resolve(__dirname, '..');

export async function startCloud(
  options: { dataDir?: string; reset?: boolean; extraArgs?: string[]; /** Node's own flags (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */ nodeArgs?: string[]; env?: Record<string, string>; /** @default 240 s: the child transpiles and loads every handler and seeds; on a loaded 2-core machine that took 60 to 90 s */ readyTimeoutMs?: number } = {},
): Promise<RunningCloud> {
  const readyTimeoutMs = options.readyTimeoutMs ?? 240_000;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'khidma-cloud-'));
  const args = [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(root, 'local/start.ts'), '--data-dir', dataDir, '--port', '0', '--dynamodb-port', '0', '--cognito-port', '0', '--ready-json', '--quiet', '--cache-seconds', '0'];
  const child = spawn(process.execPath, [...args, ...(options.reset === false ? [] : ['--reset']), ...(options.extraArgs ?? [])], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR', ...options.env },
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const state = await new Promise<RunningCloud['state']>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Detached: nothing else would end it (nor its DynamoDB Local) once the test run gives up.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      reject(new Error(`local cloud did not start in ${readyTimeoutMs / 1000} s:\n${stderr.join('')}`));
    }, readyTimeoutMs);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"ready":true')) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local cloud exited with ${code}:\n${stderr.join('')}`));
    });
  });
  return { process: child, dataDir, state };
}

/** Past this, a local cloud that was asked to stop is killed with its whole process group. */
const EXIT_GRACE_MS = 30_000;

/**
 * Stops the local cloud and its DynamoDB Local JVM: SIGTERM to the cloud (it stops its parts in turn), then SIGKILL to
 * the whole process group, at once if asked or once the grace period has passed. Never waits forever: a test run's
 * teardown that hung here once kept CI busy until its time ran out.
 */
export async function stopCloud(cloud: Pick<RunningCloud, 'process'>, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const child = cloud.process;
  const pid = child.pid;
  if (!pid || child.exitCode !== null || child.signalCode !== null) {
    killGroup(pid);
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(signal === 'SIGKILL' ? -pid : pid, signal);
  } catch {
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), EXIT_GRACE_MS);
    }),
  ]);
  clearTimeout(timer);
  if (late) {
    console.error(`local cloud (pid ${pid}) did not stop within ${EXIT_GRACE_MS / 1000} s of ${signal}: killing its process group`);
  }
  killGroup(pid);
  if (late) {
    await exited;
  }
}

function killGroup(pid: number | undefined): void {
  try {
    if (pid) {
      process.kill(-pid, 'SIGKILL');
    }
  } catch {
    // the group is already gone
  }
}
