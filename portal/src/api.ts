import { lang } from './i18n';

// The API on the portal's own origin (/v1/*), and sign-in against Cognito (its endpoint from /portal-config.json).
export interface PortalConfig {
  readonly cognitoEndpoint: string;
  readonly clientId: string;
  /** The payment provider's pay page (locally the simulator's); without it the portal says where to pay. */
  readonly paymentPageUrl?: string;
}

export interface Session {
  readonly accessToken: string;
  readonly idToken: string;
  readonly claims: Record<string, unknown>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

let session: Session | undefined;

export function currentSession(): Session | undefined {
  if (!session) {
    const stored = sessionStorage.getItem('khidma.session');
    if (stored) {
      session = JSON.parse(stored) as Session;
      if (Number(session.claims.exp) * 1000 < Date.now()) {
        signOut();
      }
    }
  }
  return session;
}

export function signOut(): void {
  session = undefined;
  sessionStorage.removeItem('khidma.session');
}

function decode(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export function role(): string | undefined {
  const groups = currentSession()?.claims['cognito:groups'];
  return Array.isArray(groups) ? String(groups[0]) : undefined;
}

export async function call<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const token = currentSession()?.accessToken;
  const response = await fetch(path, {
    method,
    headers: {
      // Error messages come back in the page's language.
      'accept-language': lang(),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as any) : undefined;
  if (!response.ok) {
    const error = parsed?.error ?? { code: response.status === 401 ? 'unauthorized' : 'error', message: parsed?.message ?? response.statusText };
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** A file the API answers (a document's PDF), fetched with the session's token. */
export async function download(path: string): Promise<Blob> {
  const token = currentSession()?.accessToken;
  const response = await fetch(path, { headers: { 'accept-language': lang(), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  if (!response.ok) {
    const parsed = (await response.json().catch(() => ({}))) as any;
    throw new ApiError(response.status, parsed?.error?.code ?? 'error', parsed?.error?.message ?? response.statusText, parsed?.error?.details);
  }
  return response.blob();
}

let config: Promise<PortalConfig> | undefined;
export const portalConfig = () => (config ??= fetch('/portal-config.json').then((r) => r.json() as Promise<PortalConfig>));

async function cognito(target: string, body: unknown): Promise<any> {
  const { cognitoEndpoint } = await portalConfig();
  const response = await fetch(cognitoEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
    body: JSON.stringify(body),
  });
  const parsed = (await response.json()) as any;
  if (!response.ok) {
    throw new ApiError(response.status, String(parsed.__type ?? 'NotAuthorizedException'), String(parsed.message ?? ''), undefined);
  }
  return parsed;
}

/** The second factor Cognito asks for: a code from the authenticator app, or one sent by SMS (to `destination`). */
export type MfaChallenge = { session: string; username: string; kind: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA'; destination?: string };
export type SignInStep = { done: true } | { done: false; mfa: MfaChallenge };

/** Username and password (USER_PASSWORD_AUTH, over TLS in AWS); staff then answer the TOTP challenge. */
export async function signIn(username: string, password: string): Promise<SignInStep> {
  const { clientId } = await portalConfig();
  let started = await cognito('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } });
  if (started.ChallengeName === 'SELECT_MFA_TYPE') {
    // Both second factors on and none preferred: the authenticator app's code, which costs no SMS.
    const offered = JSON.parse(String(started.ChallengeParameters?.MFAS_CAN_CHOOSE ?? '[]')) as string[];
    const answer = offered.includes('SOFTWARE_TOKEN_MFA') ? 'SOFTWARE_TOKEN_MFA' : 'SMS_MFA';
    started = await cognito('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'SELECT_MFA_TYPE', Session: started.Session, ChallengeResponses: { USERNAME: username, ANSWER: answer } });
  }
  if (started.ChallengeName === 'SOFTWARE_TOKEN_MFA' || started.ChallengeName === 'SMS_MFA') {
    return { done: false, mfa: { session: started.Session, username, kind: started.ChallengeName, destination: started.ChallengeParameters?.CODE_DELIVERY_DESTINATION } };
  }
  keep(started.AuthenticationResult);
  return { done: true };
}

export async function answerMfa(challenge: MfaChallenge, code: string): Promise<void> {
  const { clientId } = await portalConfig();
  const answered = await cognito('RespondToAuthChallenge', {
    ClientId: clientId,
    ChallengeName: challenge.kind,
    Session: challenge.session,
    ChallengeResponses: { USERNAME: challenge.username, [`${challenge.kind}_CODE`]: code },
  });
  keep(answered.AuthenticationResult);
}

function keep(result: { AccessToken: string; IdToken: string }): void {
  session = { accessToken: result.AccessToken, idToken: result.IdToken, claims: decode(result.IdToken) };
  sessionStorage.setItem('khidma.session', JSON.stringify(session));
}

/** The account as Cognito has it (GetUser with the session's access token): its MFA methods and phone number. */
export async function cognitoAccount(): Promise<{ mfa: string[]; phone?: string }> {
  const user = await cognito('GetUser', { AccessToken: currentSession()?.accessToken });
  const phone = (user.UserAttributes as Array<{ Name: string; Value: string }> | undefined)?.find((a) => a.Name === 'phone_number')?.Value;
  return { mfa: (user.UserMFASettingList as string[] | undefined) ?? [], phone };
}

/** SMS MFA on or off for the signed-in account (SetUserMFAPreference): when on, each sign-in sends a code to its phone. */
export async function setSmsMfa(on: boolean): Promise<void> {
  await cognito('SetUserMFAPreference', { AccessToken: currentSession()?.accessToken, SMSMfaSettings: { Enabled: on, PreferredMfa: on } });
}
