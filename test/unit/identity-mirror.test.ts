// Identity that survives a region's loss: accounts of one region's pool are copied to the other's by the registry
// stream's `mirror-identities` worker, and their owners sign in there after a password reset with a code —
// keeping their registry subject, role and scope (staff enrol their authenticator again). Two emulated pools,
// DynamoDB Local, and the local stream poller, as the drill runs them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AdminGetUserCommand, ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableName } from '../../lib/platform/tables';
import { identityProvider } from '../../local/cognito/client';
import { cognitoOutbox, type RunningCognito, startCognito } from '../../local/cognito/emulator';
import { resetPassword } from '../../local/cognito/password-reset';
import { ensureIdentity, type LocalIdentity } from '../../local/cognito/pool';
import { signIn } from '../../local/cognito/sign-in';
import { localTokenVerifier } from '../../local/cognito/tokens';
import { ensureTables, localDynamoDbClient, type RunningDynamoDb, startDynamoDb } from '../../local/dynamodb';
import { configureLambdaEnvironment, setLambdaVariable } from '../../local/lambda-environment';
import { type StreamPoller, startStreamPoller } from '../../local/stream-poller';
import { dynamoIdentityLinks, identityLinkKey } from '../../functions/shared/dynamo-identity-links';
import { type IdentityLink, resolvePrincipal } from '../../functions/shared/identity';
import { until } from '../support/wait';

const STAGE = 'mirror';
const PASSWORD = 'Primary-Password-1!';
const root = mkdtempSync(path.join(os.tmpdir(), 'khidma-mirror-'));
let dynamoDb: RunningDynamoDb;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;
let cognito: RunningCognito;
let primary: LocalIdentity;
let dr: LocalIdentity;
let poller: StreamPoller;
const outbox = path.join(root, 'outbox');

beforeAll(async () => {
  dynamoDb = await startDynamoDb({ port: 0, dataDir: path.join(root, 'dynamodb'), reset: true });
  client = localDynamoDbClient(dynamoDb.endpoint);
  documents = DynamoDBDocumentClient.from(client);
  await ensureTables(client, STAGE);
  // One emulator, two pools: the primary region's and the DR region's.
  cognito = await startCognito({ port: 0, dataDir: path.join(root, 'cognito'), reset: true, outboxDir: outbox });
  primary = await ensureIdentity(cognito.endpoint, `${STAGE}-primary`);
  dr = await ensureIdentity(cognito.endpoint, `${STAGE}-dr`);
  configureLambdaEnvironment({ stage: STAGE, dynamoDbEndpoint: dynamoDb.endpoint, cognitoEndpoint: cognito.endpoint, identity: primary, catalogueCacheSeconds: '0', logLevel: 'ERROR' });
  setLambdaVariable('STANDBY_USER_POOL_ID', dr.userPoolId);
  setLambdaVariable('STANDBY_COGNITO_ENDPOINT', cognito.endpoint);
  const { handler } = await import('../../functions/registry/mirror-identities');
  poller = await startStreamPoller({
    endpoint: dynamoDb.endpoint,
    tableName: tableName(STAGE, 'registry'),
    handler,
    checkpointFile: path.join(root, 'streams', 'mirror-identities.json'),
  });
}, 60_000);

afterAll(async () => {
  await poller?.stop();
  await cognito?.stop();
  client?.destroy();
  await dynamoDb?.stop();
  rmSync(root, { recursive: true, force: true });
});

const idp = () => identityProvider(cognito.endpoint);
const links = () => dynamoIdentityLinks(documents, () => tableName(STAGE, 'registry'));
const putLink = (link: IdentityLink) => documents.send(new PutCommand({ TableName: tableName(STAGE, 'registry'), Item: { ...identityLinkKey(link.sub), link } }));

async function subIn(identity: LocalIdentity, username: string): Promise<string | undefined> {
  try {
    const { UserAttributes = [] } = await idp().send(new AdminGetUserCommand({ UserPoolId: identity.userPoolId, Username: username }));
    return UserAttributes.find((attribute) => attribute.Name === 'sub')?.Value;
  } catch {
    return undefined;
  }
}

/** A primary-region account as sign-up or staff creation leaves it: the user in the pool, its group, its link. */
async function primaryAccount(username: string, link: Omit<IdentityLink, 'sub' | 'username' | 'createdAt'>): Promise<IdentityLink> {
  const { seedUsers } = await import('../../local/cognito/demo-accounts');
  const subs = await seedUsers(cognito.endpoint, primary, [
    { username, group: link.role, email: `${username}@mirror.example`, phone: '+962790000001', description: 'mirror test', password: PASSWORD },
  ]);
  const sub = subs.get(username) ?? (await subIn(primary, username))!;
  const full: IdentityLink = { sub, username, createdAt: new Date().toISOString(), ...link };
  await putLink(full);
  return full;
}

async function mirroredLink(username: string): Promise<IdentityLink> {
  const drSub = await until(`${username} in the DR pool`, () => subIn(dr, username));
  return until(`the DR link of ${username}`, () => links().getLink(drSub));
}

test('a citizen signed up in the primary signs in in DR after a reset, as the same registry person', async () => {
  const original = await primaryAccount('9911000001', { role: 'citizen', subject: { kind: 'persons', recordId: '9911000001' } });
  const mirror = await mirroredLink('9911000001');
  expect(mirror).toEqual({
    sub: expect.not.stringMatching(original.sub),
    username: '9911000001',
    role: 'citizen',
    subject: { kind: 'persons', recordId: '9911000001' },
    createdAt: expect.any(String),
    mirrorOf: original.sub,
  });

  // The primary's password does not exist in DR: the first sign-in there goes through a code to the verified contact.
  await expect(signIn(cognito.endpoint, dr, '9911000001', PASSWORD)).rejects.toThrow();
  await resetPassword({ endpoint: cognito.endpoint, identity: dr, outboxFile: cognitoOutbox(outbox) }, '9911000001', 'Dr-Region-Password-2!');
  const tokens = await signIn(cognito.endpoint, dr, '9911000001', 'Dr-Region-Password-2!');

  // The DR region's verifier trusts the DR pool (and not the primary's tokens).
  const claims = await localTokenVerifier(dr)(tokens.accessToken);
  expect(claims['cognito:groups']).toEqual(['citizen']);
  await expect(localTokenVerifier(dr)((await signIn(cognito.endpoint, primary, '9911000001', PASSWORD)).accessToken)).rejects.toThrow();
  const principal = await resolvePrincipal({ store: links() }, { sub: String(claims.sub), groups: ['citizen'] });
  expect(principal).toEqual({ sub: mirror.sub, role: 'citizen', subject: { kind: 'persons', recordId: '9911000001' }, originSub: original.sub });
});

test('an officer keeps their agency in DR and must enrol an authenticator there before any staff route serves them', async () => {
  const original = await primaryAccount('mirror-officer', { role: 'officer', agencyId: 'cspd', mfaEnrolled: true });
  const mirror = await mirroredLink('mirror-officer');
  expect(mirror).toMatchObject({ role: 'officer', agencyId: 'cspd', mirrorOf: original.sub });
  expect(mirror.mfaEnrolled).toBeUndefined();

  await resetPassword({ endpoint: cognito.endpoint, identity: dr, outboxFile: cognitoOutbox(outbox) }, 'mirror-officer', 'Dr-Officer-Password-3!');
  const claims = await localTokenVerifier(dr)((await signIn(cognito.endpoint, dr, 'mirror-officer', 'Dr-Officer-Password-3!')).accessToken);
  const caller = { sub: String(claims.sub), groups: ['officer' as const] };
  await expect(resolvePrincipal({ store: links() }, caller)).rejects.toMatchObject({ code: 'mfa_enrolment_required' });
  expect(await resolvePrincipal({ store: links() }, caller, { allowWithoutMfa: true })).toEqual({ sub: mirror.sub, role: 'officer', agencyId: 'cspd', originSub: original.sub });
});

test('a changed original updates its one copy; an authenticator enrolled with the copy stays; copies are not copied back', async () => {
  const original = await primaryAccount('mirror-frontline', { role: 'frontline', serviceCentreId: 'amman-1' });
  const mirror = await mirroredLink('mirror-frontline');
  // The staff member enrolled an authenticator in DR (during an earlier failover).
  await putLink({ ...mirror, mfaEnrolled: true });
  await putLink({ ...original, serviceCentreId: 'irbid-1' });
  const updated = await until('the copy follows the original', async () => {
    const link = await links().getLink(mirror.sub);
    return link?.serviceCentreId === 'irbid-1' && link;
  });
  expect(updated).toMatchObject({ sub: mirror.sub, mfaEnrolled: true, mirrorOf: original.sub, createdAt: mirror.createdAt });
  // Both pools hold the account once: the copy's link (in the same stream) made no account in the primary pool.
  const inPool = async (identity: LocalIdentity) =>
    ((await idp().send(new ListUsersCommand({ UserPoolId: identity.userPoolId }))).Users ?? []).filter((user) => user.Username === 'mirror-frontline').length;
  expect([await inPool(primary), await inPool(dr)]).toEqual([1, 1]);
  expect(await subIn(primary, 'mirror-frontline')).toBe(original.sub);
});
