// Whether a staff member's authenticator (TOTP) is still on, asked of Cognito with their own access token:
// Cognito lets any user turn their MFA off with that token (SetUserMFAPreference), and no token claim says
// whether MFA is on. GetUser is a plain JSON call that the token itself authorizes (no IAM grant, no signing):
// sent with node:http(s) (./http-request.ts), it adds no SDK to any bundle. A positive answer is kept a few
// seconds per token (a page's burst of calls asks once); a negative one is never kept.
import { environment } from './environment';
import { HttpError, ServiceUnavailable } from './errors';
import { requestText } from './http-request';

export interface MfaStatus {
  /** true: TOTP is on for the token's user; false: it is off. Throws HttpError 401 for a token Cognito refuses. */
  totpOn(accessToken: string): Promise<boolean>;
}

const KEEP_MS = 5_000;
const MAX_ENTRIES = 5_000;
const ASK_TIMEOUT_MS = 3_000;
const unavailable = () => new ServiceUnavailable('The identity service did not answer; try again shortly', 2);

export function cognitoMfaStatus(endpoint: () => string, now: () => number = Date.now, askTimeoutMs = ASK_TIMEOUT_MS): MfaStatus {
  const confirmed = new Map<string, number>();
  return {
    async totpOn(accessToken) {
      const until = confirmed.get(accessToken);
      if (until !== undefined && until > now()) {
        return true;
      }
      confirmed.delete(accessToken);
      // Cognito unreachable or slow (past 3 s): a retryable 503, never a 500 nor a request held to the function's timeout.
      const response = await postJson(endpoint(), { 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' }, JSON.stringify({ AccessToken: accessToken }), askTimeoutMs).catch(() => {
        throw unavailable();
      });
      const answer = response.answer as { UserMFASettingList?: string[]; __type?: string };
      if (response.status < 200 || response.status > 299) {
        if (/NotAuthorized|UserNotFound/.test(answer.__type ?? '')) {
          throw new HttpError(401, 'unauthorized', 'This token is no longer valid; sign in again');
        }
        throw unavailable();
      }
      const on = (answer.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
      if (on) {
        if (confirmed.size >= MAX_ENTRIES) {
          confirmed.delete(confirmed.keys().next().value!);
        }
        confirmed.set(accessToken, now() + KEEP_MS);
      }
      return on;
    },
  };
}

/** The user pool's endpoint: the local emulator's, else Cognito's in the pool's region. */
export function cognitoEndpoint(): string {
  const env = environment();
  return env.COGNITO_ENDPOINT ?? `https://cognito-idp.${env.USER_POOL_REGION ?? env.AWS_REGION ?? 'us-east-1'}.amazonaws.com/`;
}

/** POSTs an AWS JSON 1.1 body; the status and the answer parsed (`{}` when it is not JSON). Rejects when no answer came within `timeoutMs`. */
async function postJson(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; answer: unknown }> {
  const { status, text } = await requestText(new URL(url), { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', ...headers }, body, timeoutMs });
  return { status, answer: parsedOrEmpty(text) };
}

function parsedOrEmpty(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
