// Personal data never reaches the logs: the registry routes run in this process, behind the local gateway,
// with the logger at DEBUG, and everything written to stdout, stderr and the gateway's log is searched
// for the national numbers and names involved — on success, on refusal, on bad input and on a crash.
import type http from 'node:http';
import { capabilities } from '../../lib/capabilities';
import { tableEnvName, tableDefinitions, tableName } from '../../lib/platform/tables';
import type { LambdaHttpHandler } from '../../functions/shared/http';
import { localTokenVerifier } from '../../local/cognito/tokens';
import { createGateway } from '../../local/gateway';
import { listen } from '../../local/listen';
import { cloudState, tokenFor } from '../support/api';
import { refreshEnvironment } from '../../functions/shared/environment';

const DELIBERATE = 'DeliberateCrashOfLogRedactionTest';
const secrets = ['9861012345', '2000456789', 'Omar', 'Haddad', 'عمر', 'الحداد', 'Lina', 'RTK48213', '4412876'];

let gateway: http.Server;
let baseUrl: string;
const captured: string[] = [];
const restore: Array<() => void> = [];

function capture(stream: NodeJS.WriteStream): void {
  const original = stream.write.bind(stream);
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    captured.push(String(chunk));
    // The crash below is deliberate: its "Unhandled error" line is searched here, not shown as if something broke.
    if (String(chunk).includes(DELIBERATE)) {
      return true;
    }
    return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write;
  restore.push(() => {
    stream.write = original;
  });
}

beforeAll(async () => {
  const state = cloudState();
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: state.dynamoDbEndpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    COGNITO_ENDPOINT: state.cognitoEndpoint,
    USER_POOL_ID: state.identity.userPoolId,
    USER_POOL_CLIENT_ID: state.identity.clients.portal,
    POWERTOOLS_LOG_LEVEL: 'DEBUG',
    POWERTOOLS_DEV: 'false',
  });
  for (const table of tableDefinitions) {
    process.env[tableEnvName(table.id)] = tableName('local', table.id);
  }
  refreshEnvironment();
  const registryCapabilities = capabilities.filter((capability) => capability.entry.startsWith('functions/registry/'));
  const handlers = new Map<string, LambdaHttpHandler>();
  for (const capability of registryCapabilities) {
    handlers.set(capability.id, ((await import(`../../${capability.entry}`)) as { handler: LambdaHttpHandler }).handler);
  }
  gateway = createGateway({
    capabilities: registryCapabilities,
    handlers,
    verifyToken: localTokenVerifier(state.identity as never),
    log: (line) => captured.push(line),
  });
  baseUrl = await listen(gateway, 0);
  capture(process.stdout);
  capture(process.stderr);
});

afterAll(async () => {
  restore.forEach((undo) => undo());
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

async function call(path: string, token: string, init: RequestInit = {}) {
  const response = await fetch(`${baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  return { status: response.status, body: await response.text() };
}

it('keeps national numbers and names out of every log line', async () => {
  const officer = await tokenFor('officer-cspd');
  const other = await tokenFor('officer-ssc');
  const citizen = await tokenFor('citizen');

  const ok = await call('/v1/registry/persons/9861012345?purpose=identity%20check', officer);
  expect(ok.status).toBe(200);
  expect(ok.body).toContain('Omar');
  expect((await call('/v1/registry/persons/9861012345?fields=fullName&purpose=pension', other)).status).toBe(403);
  expect((await call('/v1/registry/persons/2000456789?fields=Omar&purpose=pension', officer)).status).toBe(400);
  expect((await call('/v1/me', citizen)).status).toBe(200);
  const bad = await call('/v1/registry/persons/9861012345', officer, {
    method: 'PUT',
    body: JSON.stringify({ expectedVersion: 1, fields: { fullName: { ar: 'عمر', en: 'Omar Haddad' }, phone: 'Omar 9861012345' } }),
  });
  expect(bad.status).toBe(400);

  // A crash inside a handler whose error message quotes personal data.
  const { registryDeps } = await import('../../functions/registry/deps');
  const appendAudit = registryDeps.store.appendAudit;
  const crash = Object.assign(new Error('write of persons:9861012345 (Omar Haddad) failed'), { name: DELIBERATE });
  (registryDeps.store as { appendAudit: unknown }).appendAudit = () => Promise.reject(crash);
  let crashed;
  try {
    crashed = await call('/v1/registry/persons/9861012345?purpose=identity%20check', officer);
  } finally {
    (registryDeps.store as { appendAudit: unknown }).appendAudit = appendAudit;
  }
  expect(crashed.status).toBe(500);
  expect(crashed.body).not.toContain('9861012345');

  const logs = captured.join('\n');
  expect(logs).toContain('GET /v1/registry/{kind}/{recordId} -> 200');
  expect(logs).toContain('Unhandled error');
  expect(logs).toContain(DELIBERATE);
  for (const secret of secrets) {
    expect({ secret, found: logs.includes(secret) }).toEqual({ secret, found: false });
  }
});
