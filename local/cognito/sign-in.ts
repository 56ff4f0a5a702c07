// Signing in to the emulator with a password (and the authenticator code when MFA is asked), as scripts and tests do.
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { generateSync } from 'otplib';
import type { AppClient } from '../../lib/platform/identity';
import { identityProvider } from './client';
import type { LocalIdentity } from './pool';

export async function signIn(
  endpoint: string,
  identity: LocalIdentity,
  username: string,
  password: string,
  client: AppClient = 'portal',
  totpSecret?: string,
): Promise<{ accessToken: string; idToken: string; refreshToken?: string }> {
  const idp = identityProvider(endpoint);
  const clientId = identity.clients[client];
  const started = await idp.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  );
  let result = started.AuthenticationResult;
  if (!result && started.ChallengeName === 'SOFTWARE_TOKEN_MFA' && totpSecret) {
    const answered = await idp.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: started.Session,
        ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totpCode(totpSecret) },
      }),
    );
    result = answered.AuthenticationResult;
  }
  if (!result?.AccessToken || !result.IdToken) {
    throw new Error(`sign-in of ${username} did not return tokens (challenge: ${started.ChallengeName ?? 'none'})`);
  }
  return { accessToken: result.AccessToken, idToken: result.IdToken, refreshToken: result.RefreshToken };
}

/** The current code of an authenticator app holding `secret` (RFC 6238: SHA-1, 6 digits, 30 s), as Cognito expects. */
export function totpCode(secret: string): string {
  return generateSync({ secret, algorithm: 'sha1', digits: 6, period: 30 });
}
