// The demo users in the emulator: created or repaired, and the staff among them enrolled in TOTP MFA.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  UserNotFoundException,
  type UserStatusType,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { DemoUser } from '../demo-users';
import { identityProvider } from './client';
import type { LocalIdentity } from './pool';
import { totpCode } from './sign-in';

/** Creates or repairs the demo users; returns each one's Cognito sub. */
export async function seedUsers(endpoint: string, identity: LocalIdentity, users: readonly DemoUser[]): Promise<Map<string, string>> {
  const idp = identityProvider(endpoint);
  const subs = new Map<string, string>();
  for (const user of users) {
    await ensureUser(idp, identity.userPoolId, user);
    const { UserAttributes = [] } = await idp.send(new AdminGetUserCommand({ UserPoolId: identity.userPoolId, Username: user.username }));
    subs.set(user.username, UserAttributes.find((attribute) => attribute.Name === 'sub')!.Value!);
  }
  return subs;
}

/** Sequential on purpose: cognito-local rewrites the whole pool file on each change. Re-runs repair half-seeded users. */
async function ensureUser(idp: CognitoIdentityProviderClient, userPoolId: string, user: DemoUser): Promise<void> {
  const status = await userStatus(idp, userPoolId, user.username);
  if (!status) {
    await idp.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.username,
        MessageAction: 'SUPPRESS',
        UserAttributes: Object.entries(userAttributes(user)).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
  }
  if (status !== 'CONFIRMED') {
    await idp.send(
      new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.username, Password: user.password, Permanent: true }),
    );
  }
  await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.username, GroupName: user.group }));
}

function userAttributes(user: DemoUser): Record<string, string> {
  return {
    email: user.email,
    email_verified: 'true',
    ...(user.phone ? { phone_number: user.phone, phone_number_verified: 'true' } : {}),
    ...user.attributes,
  };
}

async function userStatus(idp: CognitoIdentityProviderClient, userPoolId: string, username: string): Promise<UserStatusType | string | undefined> {
  try {
    return (await idp.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }))).UserStatus;
  } catch (error) {
    if (error instanceof UserNotFoundException) {
      return undefined;
    }
    throw error;
  }
}

/** Where the demo staff's authenticator secrets are kept, so `npm run token` can answer the MFA challenge. */
export const demoTotpFile = (cognitoDataDir: string) => path.join(path.resolve(cognitoDataDir), 'demo-totp.json');

export function readDemoTotpSecrets(file: string): Record<string, string> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

/**
 * Staff must use MFA: each demo staff user gets an authenticator secret, enrolled the way a person would
 * (sign in, associate, verify a code, prefer TOTP). Secrets already enrolled are kept.
 */
export async function enrolDemoTotp(endpoint: string, identity: LocalIdentity, users: readonly DemoUser[], file: string): Promise<void> {
  const idp = identityProvider(endpoint);
  const secrets = readDemoTotpSecrets(file);
  for (const user of users) {
    if (secrets[user.username]) {
      continue;
    }
    const { AuthenticationResult } = await idp.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: identity.clients.portal,
        AuthParameters: { USERNAME: user.username, PASSWORD: user.password },
      }),
    );
    const accessToken = AuthenticationResult!.AccessToken!;
    const { SecretCode } = await idp.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    await idp.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totpCode(SecretCode!) }));
    await idp.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    secrets[user.username] = SecretCode!;
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`);
  }
}
