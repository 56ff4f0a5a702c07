// Staff must use MFA: a new officer is refused every staff route until they enrol an authenticator app,
// and from then on signing in asks for a code.
import {
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { signIn, totpCode } from '../../local/cognito/sign-in';
import { api, cloudState, tokenFor } from '../support/api';
import { until } from '../support/wait';

const password = 'Officer-Strong-2026!';

function cognito() {
  return new CognitoIdentityProviderClient({
    endpoint: cloudState().cognitoEndpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

it('refuses staff routes until TOTP is enrolled, then requires the code at sign-in', async () => {
  const username = `mfa.officer-${Date.now()}`;
  const created = await api('/v1/staff', {
    method: 'POST',
    token: await tokenFor('operator'),
    body: { username, email: `${username}@gov.example`, fullName: { ar: 'موظف', en: 'Officer' }, role: 'officer', agencyId: 'cspd' },
  });
  expect(created.status).toBe(201);
  // The officer chose a password at first sign-in (NEW_PASSWORD_REQUIRED is the front-end's job).
  await cognito().send(new AdminSetUserPasswordCommand({ UserPoolId: cloudState().identity.userPoolId, Username: username, Password: password, Permanent: true }));
  const state = cloudState();
  const { accessToken } = await signIn(state.cognitoEndpoint, state.identity as never, username, password);

  const read = () => api(`/v1/registry/persons/9861012345?fields=fullName&purpose=${encodeURIComponent('identity check')}`, { token: accessToken });
  const refused = await read();
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe('mfa_enrolment_required');

  const started = await api('/v1/me/mfa/totp', { method: 'POST', token: accessToken });
  expect(started.status).toBe(200);
  expect(started.body.otpauthUri).toBe(
    `otpauth://totp/Khidma%3A${encodeURIComponent(username)}?secret=${started.body.secretCode}&issuer=Khidma&algorithm=SHA1&digits=6&period=30`,
  );
  const secret: string = started.body.secretCode;
  const current = totpCode(secret);
  const wrong = await api('/v1/me/mfa/totp/verify', { method: 'POST', token: accessToken, body: { code: current === '000000' ? '111111' : '000000' } });
  expect(wrong.status).toBe(400);
  expect(wrong.body.error.code).toBe('invalid_code');
  expect((await read()).status).toBe(403);

  const verified = await api('/v1/me/mfa/totp/verify', { method: 'POST', token: accessToken, body: { code: totpCode(secret) } });
  expect(verified.status).toBe(200);
  expect(verified.body).toEqual({ mfaEnabled: true, method: 'SOFTWARE_TOKEN_MFA' });
  expect((await read()).status).toBe(200);

  const passwordOnly = await cognito().send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: state.identity.clients.portal, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  );
  expect(passwordOnly.AuthenticationResult).toBeUndefined();
  expect(passwordOnly.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  const withCode = await signIn(state.cognitoEndpoint, state.identity as never, username, password, 'portal', secret);
  expect((await api('/v1/audit?subject=persons:9861012345', { token: withCode.accessToken })).status).toBe(403);
});

it('lets citizens enrol MFA too, without requiring it', async () => {
  const token = await tokenFor('citizen2');
  expect((await api('/v1/me', { token })).status).toBe(200);
  const started = await api('/v1/me/mfa/totp', { method: 'POST', token });
  expect(started.status).toBe(200);
  expect(started.body.otpauthUri).toContain('Khidma%3Acitizen');
});

it('refuses a second enrolment that would replace a working authenticator', async () => {
  const response = await api('/v1/me/mfa/totp', { method: 'POST', token: await tokenFor('officer-moh') });
  expect(response.status).toBe(409);
  expect(response.body.error.code).toBe('mfa_already_enrolled');
  expect((await api('/v1/audit?subject=persons:9861012345', { token: await tokenFor('auditor') })).status).toBe(200);
});

it('refuses staff who turn TOTP off through Cognito’s own API, at their next calls and sign-ins, until they enrol again', async () => {
  const username = `mfa.dropper-${Date.now()}`;
  const created = await api('/v1/staff', {
    method: 'POST',
    token: await tokenFor('operator'),
    body: { username, email: `${username}@gov.example`, fullName: { ar: 'موظف', en: 'Officer' }, role: 'officer', agencyId: 'cspd' },
  });
  expect(created.status).toBe(201);
  const state = cloudState();
  await cognito().send(new AdminSetUserPasswordCommand({ UserPoolId: state.identity.userPoolId, Username: username, Password: password, Permanent: true }));
  const { accessToken } = await signIn(state.cognitoEndpoint, state.identity as never, username, password);
  const secret: string = (await api('/v1/me/mfa/totp', { method: 'POST', token: accessToken })).body.secretCode;
  expect((await api('/v1/me/mfa/totp/verify', { method: 'POST', token: accessToken, body: { code: totpCode(secret) } })).status).toBe(200);
  const read = (token: string) => api(`/v1/registry/persons/9861012345?fields=fullName&purpose=${encodeURIComponent('identity check')}`, { token });
  expect((await read(accessToken)).status).toBe(200);

  // The officer turns the authenticator off with their own token, as Cognito allows any user to.
  await cognito().send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } }));
  const refused = await until('the token to be refused', async () => {
    const answer = await read(accessToken);
    return answer.status === 403 ? answer : undefined;
  });
  expect(refused.body.error).toMatchObject({ code: 'mfa_enrolment_required', details: { reason: 'totp_turned_off' } });

  // Signing in now takes only the password, and the fresh token is refused at once, on every staff route.
  const passwordOnly = await signIn(state.cognitoEndpoint, state.identity as never, username, password);
  expect((await read(passwordOnly.accessToken)).body.error?.code).toBe('mfa_enrolment_required');
  expect((await api('/v1/agencies/cspd/tasks', { token: passwordOnly.accessToken })).body.error?.code).toBe('mfa_enrolment_required');

  // Enrolling again opens the staff routes again.
  const again = await api('/v1/me/mfa/totp', { method: 'POST', token: passwordOnly.accessToken });
  expect(again.status).toBe(200);
  expect((await api('/v1/me/mfa/totp/verify', { method: 'POST', token: passwordOnly.accessToken, body: { code: totpCode(again.body.secretCode) } })).status).toBe(200);
  expect((await read(passwordOnly.accessToken)).status).toBe(200);
});
