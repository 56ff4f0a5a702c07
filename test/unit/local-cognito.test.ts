// The Cognito emulator as `npm start` runs it: pool, groups and clients from lib/platform/identity.ts, demo users, verifiable tokens.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { passwordPolicy, tokenValidity } from '../../lib/platform/identity';
import { referenceAgencies } from '../../reference/agencies';
import { ensureIdentity, type LocalIdentity } from '../../local/cognito/pool';
import { localJwksCache } from '../../local/cognito/tokens';
import { type RunningCognito, startCognito } from '../../local/cognito/emulator';
import { seedUsers } from '../../local/cognito/demo-accounts';
import { signIn } from '../../local/cognito/sign-in';
import { demoPassword, demoUsers } from '../../local/demo-users';
import { LocalCloudError } from '../../local/state';

const STAGE = 'test';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'khidma-cognito-'));
let cognito: RunningCognito;
let identity: LocalIdentity;

beforeAll(async () => {
  cognito = await startCognito({ port: 0, dataDir, reset: true, outboxDir: path.join(dataDir, 'outbox') });
  identity = await ensureIdentity(cognito.endpoint, STAGE);
});

afterAll(async () => {
  await cognito?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const verifier = (audience: string | null) =>
  JwtRsaVerifier.create({ issuer: identity.issuer, jwksUri: identity.jwksUri, audience }, { jwksCache: localJwksCache() });

test('creates the pool, groups and clients once', async () => {
  expect(await ensureIdentity(cognito.endpoint, STAGE)).toEqual(identity);
  expect(identity.issuer).toBe(`${cognito.endpoint}/${identity.userPoolId}`);
  expect(Object.keys(identity.clients).sort()).toEqual(['kiosk', 'mobile', 'portal']);
  expect(new Set(Object.values(identity.clients)).size).toBe(3);
});

test('seeds the demo users idempotently and signs an officer in with verifiable tokens', async () => {
  await seedUsers(cognito.endpoint, identity, demoUsers);
  await seedUsers(cognito.endpoint, identity, demoUsers);

  const tokens = await signIn(cognito.endpoint, identity, 'officer-cspd', demoPassword, 'kiosk');
  const access = await verifier(null).verify(tokens.accessToken);
  expect(access).toMatchObject({ token_use: 'access', client_id: identity.clients.kiosk, username: 'officer-cspd' });
  expect(access['cognito:groups']).toEqual(['officer']);
  expect(access.exp! - access.iat!).toBe(tokenValidity.kiosk.accessMinutes * 60);

  const id = await verifier(identity.clients.kiosk).verify(tokens.idToken);
  expect(id).toMatchObject({ token_use: 'id', 'custom:agencyId': 'cspd', email: 'officer-cspd@khidma.example' });
});

test('rejects a wrong password', async () => {
  await expect(signIn(cognito.endpoint, identity, 'citizen', 'Wrong-Password-1!')).rejects.toThrow(/password/i);
});

test('keeps the pool and users across a restart on another port', async () => {
  await cognito.stop();
  cognito = await startCognito({ port: 0, dataDir, reset: false });
  const restarted = await ensureIdentity(cognito.endpoint, STAGE);
  expect(restarted).toMatchObject({ userPoolId: identity.userPoolId, clients: identity.clients });
  identity = restarted;

  const tokens = await signIn(cognito.endpoint, identity, 'citizen', demoPassword);
  const access = await verifier(null).verify(tokens.accessToken);
  expect(access['cognito:groups']).toEqual(['citizen']);
});

test('explains a taken port', async () => {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const { port } = blocker.address() as net.AddressInfo;
  await expect(startCognito({ port, dataDir: path.join(dataDir, 'other'), reset: false })).rejects.toThrow(
    new LocalCloudError(`port ${port} for the Cognito emulator is already in use: stop what uses it, or choose another with \`npm start -- --cognito-port N\``),
  );
  blocker.close();
});

test('demo users cover every role and seeded agency, with a password the policy accepts', () => {
  expect(demoPassword.length).toBeGreaterThanOrEqual(passwordPolicy.minLength);
  expect(demoPassword).toMatch(/[a-z]/);
  expect(demoPassword).toMatch(/[A-Z]/);
  expect(demoPassword).toMatch(/\d/);
  expect(demoPassword).toMatch(/[^a-zA-Z\d]/);
  const officers = demoUsers.filter((user) => user.group === 'officer').map((user) => user.attributes?.['custom:agencyId']);
  expect(officers.sort()).toEqual(referenceAgencies.map((agency) => agency.agencyId).sort());
  expect(new Set(demoUsers.map((user) => user.group))).toEqual(new Set(['citizen', 'officer', 'frontline', 'operator', 'auditor']));
  expect(new Set(demoUsers.map((user) => user.username)).size).toBe(demoUsers.length);
});
