// Cognito adapters of the identity mirror: this region's pool as the source, the other region's as the copy.
import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  UsernameExistsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AccountContacts, AccountSource, MirrorDirectory } from './domain/mirror';

const attribute = (attributes: readonly AttributeType[] | undefined, name: string) => attributes?.find((item) => item.Name === name)?.Value;

async function getUser(client: CognitoIdentityProviderClient, userPoolId: string, username: string) {
  try {
    return await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
  } catch (error) {
    if (error instanceof UserNotFoundException || (error as Error).name === 'UserNotFoundException') {
      return undefined;
    }
    throw error;
  }
}

export function cognitoAccountSource(client: CognitoIdentityProviderClient, userPoolId: string): AccountSource {
  return {
    async getContacts(username) {
      const user = await getUser(client, userPoolId, username);
      if (!user) {
        return undefined;
      }
      const email = attribute(user.UserAttributes, 'email');
      const phone = attribute(user.UserAttributes, 'phone_number');
      return { ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
    },
  };
}

/** Meets any password policy (four kinds, 40 characters) and is never shown to anyone. */
function unusablePassword(): string {
  return `${randomBytes(27).toString('base64url')}Aa1!`;
}

function contactAttributes(contacts: AccountContacts): AttributeType[] {
  // The sign-up proved these (the code went to the registry's contact): the copy may send its reset code there.
  return [
    ...(contacts.email ? [{ Name: 'email', Value: contacts.email }, { Name: 'email_verified', Value: 'true' }] : []),
    ...(contacts.phone ? [{ Name: 'phone_number', Value: contacts.phone }, { Name: 'phone_number_verified', Value: 'true' }] : []),
  ];
}

export function cognitoMirrorDirectory(client: CognitoIdentityProviderClient, userPoolId: string): MirrorDirectory {
  return {
    async ensureAccount(account) {
      let user = await getUser(client, userPoolId, account.username);
      if (!user) {
        try {
          await client.send(
            new AdminCreateUserCommand({
              UserPoolId: userPoolId,
              Username: account.username,
              // No invitation: the account is a stand-by; its owner resets the password when they first need it.
              MessageAction: 'SUPPRESS',
              UserAttributes: contactAttributes(account),
            }),
          );
        } catch (error) {
          if (!(error instanceof UsernameExistsException) && (error as Error).name !== 'UsernameExistsException') {
            throw error;
          }
        }
        // Confirmed, so that "forgot password" works; nobody knows this password.
        await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: account.username, Password: unusablePassword(), Permanent: true }));
        user = await getUser(client, userPoolId, account.username);
      }
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: account.username, GroupName: account.group }));
      const sub = attribute(user?.UserAttributes, 'sub');
      if (!sub) {
        throw new Error(`the mirrored account ${account.username} has no sub`);
      }
      return sub;
    },
  };
}
