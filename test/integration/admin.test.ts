// The first operator of a deployment, created by `npm run admin -- create-operator` against the running local
// cloud: a temporary password to change at first sign-in, then no staff route until TOTP is enrolled.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { totpCode } from '../../local/cognito/sign-in';
import { api, cloudState } from '../support/api';

const run = promisify(execFile);

async function admin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'admin/cli.ts', ...args], { env: { ...process.env, KHIDMA_LOCAL_DIR: process.env.KHIDMA_CLOUD_DIR } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const cognito = () =>
  new CognitoIdentityProviderClient({ endpoint: cloudState().cognitoEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

it('creates an operator who must change the temporary password and enrol TOTP before any staff route', async () => {
  const username = `first.operator-${Date.now().toString(36)}`;
  const created = await admin('create-operator', '--local', '--email', `${username}@egov.example`);
  expect(created.code).toBe(0);
  const temporary = /Temporary password: (\S+)/.exec(created.stdout)?.[1];
  expect(temporary).toBeDefined();

  const { identity } = cloudState();
  const started = await cognito().send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: identity.clients.portal, AuthParameters: { USERNAME: username, PASSWORD: temporary! } }),
  );
  expect(started.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  const chosen = await cognito().send(
    new RespondToAuthChallengeCommand({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: identity.clients.portal,
      Session: started.Session,
      ChallengeResponses: { USERNAME: username, NEW_PASSWORD: 'Operator-Chosen-2026!' },
    }),
  );
  const token = chosen.AuthenticationResult!.AccessToken!;

  const rollout = () => api('/v1/rollout', { token });
  expect((await rollout()).body.error.code).toBe('mfa_enrolment_required');
  const { secretCode } = (await api('/v1/me/mfa/totp', { method: 'POST', token })).body;
  expect((await api('/v1/me/mfa/totp/verify', { method: 'POST', token, body: { code: totpCode(secretCode) } })).status).toBe(200);
  expect((await rollout()).status).toBe(200);

  const again = await admin('create-operator', '--local', '--email', `${username}@egov.example`);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('username_taken');
});

it('refuses a bad address or a missing target with the usage, and creates nothing', async () => {
  const bad = await admin('create-operator', '--local', '--email', 'not-an-address');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('email');
  const untargeted = await admin('create-operator', '--email', 'someone@egov.example');
  expect(untargeted.code).toBe(2);
  expect(untargeted.stderr).toContain('usage: npm run admin');
});
