// Two local clouds as a stage's two regions, for the drill (README, Disaster recovery): each its own DynamoDB Local,
// Cognito emulator and engine. The DR one starts stand-by (`--standby`); the primary's identity mirror copies its
// accounts to the DR one's user pool (as mirror-identities does between regions in AWS); the replicator copies every
// table's changes to the DR one after a lag (an emulation of global tables: local/replicator.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RegionRole } from '../lib/platform/failover';
import { type RunningCloud, startCloud, stopCloud } from './cloud-process';
import { type Replicator, type Severance, startReplicator } from './replicator';

export interface DrRegions {
  readonly root: string;
  readonly primary: RunningCloud;
  readonly dr: RunningCloud;
  readonly replicator: Replicator;
  readonly lagMs: number;
}

export interface DrRegionsOptions {
  /** Replication lag, ms. */
  readonly lagMs: number;
  /** Seconds between the schedules' runs (the reconciler resumes workflows in DR on the first one after failover). */
  readonly scheduleSeconds?: number;
}

const root = path.resolve(__dirname, '..');
/** Two clouds start one after the other, beside whatever else the machine runs (the bench, the test run). */
const READY_TIMEOUT_MS = 240_000;

export async function startDrRegions(options: DrRegionsOptions): Promise<DrRegions> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'khidma-dr-'));
  const schedules = ['--schedule-seconds', String(options.scheduleSeconds ?? 2)];
  const started: RunningCloud[] = [];
  try {
    // DR first: the primary's identity mirror needs its user pool.
    const dr = await startCloud({ dataDir: path.join(folder, 'dr'), extraArgs: ['--standby', ...schedules], readyTimeoutMs: READY_TIMEOUT_MS });
    started.push(dr);
    const primary = await startCloud({
      dataDir: path.join(folder, 'primary'),
      extraArgs: schedules,
      readyTimeoutMs: READY_TIMEOUT_MS,
      env: { STANDBY_USER_POOL_ID: dr.state.identity.userPoolId, STANDBY_COGNITO_ENDPOINT: dr.state.cognitoEndpoint },
    });
    started.push(primary);
    const replicator = await startReplicator({
      from: primary.state.dynamoDbEndpoint,
      to: dr.state.dynamoDbEndpoint,
      stage: 'local',
      lagMs: options.lagMs,
      dataDir: path.join(folder, 'replication'),
    });
    return { root: folder, primary, dr, replicator, lagMs: options.lagMs };
  } catch (error) {
    await Promise.all(started.map((cloud) => stopCloud(cloud, 'SIGKILL')));
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** The primary region is lost: its whole process group SIGKILLed (API, engine, queues, DynamoDB Local) and replication cut. */
export async function losePrimary(regions: DrRegions): Promise<{ readonly lostAt: number; readonly severance: Severance }> {
  const lostAt = Date.now();
  await stopCloud(regions.primary, 'SIGKILL');
  const severance = await regions.replicator.sever(lostAt);
  return { lostAt, severance };
}

/** `npm run failover -- --stage local --to <role>` against the two regions' folders, as an operator runs it. */
export function runFailover(regions: DrRegions, to: RegionRole, extra: readonly string[] = []): Promise<{ readonly code: number; readonly output: string }> {
  const args = ['--import', 'tsx', path.join(root, 'ops/failover.ts'), '--stage', 'local', '--to', to, '--primary-dir', regions.primary.dataDir, '--dr-dir', regions.dr.dataDir, ...extra];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, output: output.join('') }));
  });
}

export async function stopDrRegions(regions: DrRegions): Promise<void> {
  await regions.replicator.stop();
  await Promise.all([stopCloud(regions.primary, 'SIGKILL'), stopCloud(regions.dr)]);
  rmSync(regions.root, { recursive: true, force: true });
}
