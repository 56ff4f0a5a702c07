// Staff MFA asked of Cognito at each call: GetUser with the caller's token (a stand-in server answers as Cognito
// does); a yes is kept for a few seconds per token, a no never; a refused token is a 401, an outage a 503.
import { cognitoMfaStatus } from '../../functions/shared/mfa-status';
import { type StandIn, silentServer, standIn, unreachableUrl } from '../support/stand-in-server';

const answers = new Map<string, { status: number; body: object }>();
const asked: string[] = [];
const targets = new Set<string | string[] | undefined>();
let server: StandIn;
let endpoint: string;

beforeAll(async () => {
  server = await standIn(({ headers, body }) => {
    targets.add(headers['x-amz-target']);
    const token = (JSON.parse(body) as { AccessToken: string }).AccessToken;
    asked.push(token);
    const answer = answers.get(token) ?? { status: 400, body: { __type: 'NotAuthorizedException' } };
    return { status: answer.status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(answer.body) };
  });
  endpoint = `${server.url}/`;
});
afterAll(async () => {
  await server.close();
  // Every request the tests made was Cognito's GetUser.
  expect([...targets]).toEqual(['AWSCognitoIdentityProviderService.GetUser']);
});

it('keeps a yes for five seconds per token and never keeps a no', async () => {
  let now = 1_000_000;
  const status = cognitoMfaStatus(() => endpoint, () => now);
  answers.set('on', { status: 200, body: { Username: 'o', UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] } });
  answers.set('off', { status: 200, body: { Username: 'f', UserMFASettingList: [] } });
  expect(await status.totpOn('on')).toBe(true);
  expect(await status.totpOn('on')).toBe(true);
  expect(asked.filter((token) => token === 'on')).toHaveLength(1);
  now += 5_001;
  answers.set('on', { status: 200, body: { Username: 'o' } });
  expect(await status.totpOn('on')).toBe(false);
  expect(await status.totpOn('off')).toBe(false);
  expect(await status.totpOn('off')).toBe(false);
  expect(asked.filter((token) => token === 'off')).toHaveLength(2);
});

it('answers 401 for a token Cognito refuses and 503 when Cognito fails', async () => {
  const status = cognitoMfaStatus(() => endpoint);
  await expect(status.totpOn('revoked')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  answers.set('outage', { status: 500, body: { __type: 'InternalErrorException' } });
  await expect(status.totpOn('outage')).rejects.toMatchObject({ status: 503, code: 'service_unavailable', details: { retryAfterSeconds: 2 } });
});

it('answers 503, not a 500, when Cognito cannot be reached at all', async () => {
  const gone = `${await unreachableUrl()}/`;
  await expect(cognitoMfaStatus(() => gone).totpOn('any')).rejects.toMatchObject({ status: 503, code: 'service_unavailable' });
});

it('answers 503 when Cognito takes longer than the time allowed', async () => {
  const silent = await silentServer();
  try {
    await expect(cognitoMfaStatus(() => `${silent.url}/`, Date.now, 50).totpOn('any')).rejects.toMatchObject({ status: 503, code: 'service_unavailable' });
  } finally {
    await silent.close();
  }
});
