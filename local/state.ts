// The running local cloud's addresses, shared with `npm run token` and the integration tests through `<dir>/cloud.json`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalIdentity } from './cognito/pool';

/** A problem the developer can fix; its message says how. */
export class LocalCloudError extends Error {
  override readonly name = 'LocalCloudError';
}

export interface LocalCloudState {
  apiUrl: string;
  /** The local bill-presentment provider (local/payment-simulator.ts): pay a bill with POST /bills/{billNumber}/pay. */
  paymentProviderUrl: string;
  dynamoDbEndpoint: string;
  cognitoEndpoint: string;
  stage: string;
  identity: LocalIdentity;
  /** Where the emulated email and SMS go (confirmation codes, temporary passwords). */
  outbox: string;
  /** The in-process event bus's log: every published domain event, one JSON object per line. */
  events: string;
  /** Authenticator secrets of the demo staff (they must use MFA). */
  totpFile: string;
  pid: number;
}

const stateFile = (dir: string): string => path.join(dir, 'cloud.json');

export function writeState(dir: string, state: LocalCloudState): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(stateFile(dir), `${JSON.stringify(state, null, 2)}\n`);
}

export function readState(dir: string): LocalCloudState {
  const file = stateFile(dir);
  const state = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LocalCloudState) : undefined;
  if (!state || !isAlive(state.pid)) {
    throw new LocalCloudError('The local cloud is not running: start it with `npm start`');
  }
  return state;
}

export function removeState(dir: string): void {
  rmSync(stateFile(dir), { force: true });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
