// Cognito adapter of the user directory. COGNITO_ENDPOINT points it at cognito-local in the local cloud.
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminGetUserCommand,
  AssociateSoftwareTokenCommand,
  GetUserCommand,
  EnableSoftwareTokenMFAException,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
  CodeMismatchException,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  SignUpCommand,
  UsernameExistsException,
  UserLambdaValidationException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { InvalidCode, SignUpRefused, type UserDirectory, UsernameTaken } from './domain/identity';
import type { CitizenGroup } from './domain/sign-up';
import { ServiceUnavailable } from '../shared/errors';

/**
 * The reason our pre sign-up trigger gave: Cognito wraps it as "PreSignUp failed with error <code>.". Anything
 * else (the trigger crashed or timed out) is an outage to retry, not a refusal.
 */
function refusal(error: Error): Error {
  const code = /failed with error ([a-z_]+)\.?$/.exec(error.message)?.[1];
  return code ? new SignUpRefused(code) : new ServiceUnavailable('The sign-up check did not answer; try again shortly', 2);
}

/** Email (verified by the operator who creates the account), phone, and the staff member's agency or service centre. */
function userAttributes(user: { email: string; phone?: string; agencyId?: string; serviceCentreId?: string }) {
  const optional: Array<[string, string | undefined]> = [['phone_number', user.phone], ['custom:agencyId', user.agencyId], ['custom:serviceCentreId', user.serviceCentreId]];
  return [
    { Name: 'email', Value: user.email },
    { Name: 'email_verified', Value: 'true' },
    ...optional.filter((pair): pair is [string, string] => Boolean(pair[1])).map(([Name, Value]) => ({ Name, Value })),
  ];
}

export function cognitoDirectory(client: CognitoIdentityProviderClient, pool: { userPoolId: string; clientId: string }): UserDirectory {
  const { userPoolId, clientId } = pool;
  return {
    async signUp(user) {
      try {
        const result = await client.send(
          new SignUpCommand({
            ClientId: clientId,
            Username: user.username,
            Password: user.password,
            UserAttributes: [
              { Name: 'email', Value: user.email },
              { Name: 'phone_number', Value: user.phone },
              ...(user.locale ? [{ Name: 'locale', Value: user.locale }] : []),
            ],
            // For the pre sign-up trigger only (Cognito stores neither); the trigger checks it against the registry.
            // ValidationData is Cognito's channel for it; ClientMetadata also reaches the trigger (and the emulator's).
            ValidationData: Object.entries(user.proof).map(([Name, Value]) => ({ Name, Value })),
            ClientMetadata: { ...user.proof },
          }),
        );
        const delivery = result.CodeDeliveryDetails;
        return {
          sub: result.UserSub!,
          confirmed: Boolean(result.UserConfirmed),
          ...(delivery?.DeliveryMedium ? { delivery: { medium: delivery.DeliveryMedium, destination: delivery.Destination ?? '' } } : {}),
        };
      } catch (error) {
        if (error instanceof UsernameExistsException) {
          throw new UsernameTaken(user.username);
        }
        if (error instanceof UserLambdaValidationException) {
          throw refusal(error);
        }
        throw error;
      }
    },
    async confirmSignUp(username, code) {
      try {
        await client.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: code }));
      } catch (error) {
        // Every refusal alike (wrong or expired code, no such user, already confirmed, Cognito's own limits):
        // telling them apart would tell a stranger whether a national number has an account.
        if ((error as { $fault?: string }).$fault === 'client') {
          throw new InvalidCode();
        }
        throw error;
      }
    },
    async createUser(user) {
      try {
        const { User } = await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: user.username,
            ...(user.temporaryPassword ? { TemporaryPassword: user.temporaryPassword, MessageAction: 'SUPPRESS' as const } : { DesiredDeliveryMediums: ['EMAIL' as const] }),
            UserAttributes: userAttributes(user),
          }),
        );
        await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.username, GroupName: user.group }));
        const sub = User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
        return { sub: sub ?? (await this.getSub(user.username))!, status: User?.UserStatus ?? 'FORCE_CHANGE_PASSWORD' };
      } catch (error) {
        if (error instanceof UsernameExistsException) {
          throw new UsernameTaken(user.username);
        }
        throw error;
      }
    },
    async deleteUser(username) {
      try {
        await client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
      } catch (error) {
        if (!(error instanceof UserNotFoundException)) {
          throw error;
        }
      }
    },
    async associateTotp(accessToken) {
      const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
      return SecretCode!;
    },
    async enableTotp(accessToken, code) {
      try {
        const { Status } = await client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code, FriendlyDeviceName: 'authenticator' }));
        if (Status !== 'SUCCESS') {
          throw new InvalidCode();
        }
      } catch (error) {
        if (error instanceof CodeMismatchException || error instanceof EnableSoftwareTokenMFAException) {
          throw new InvalidCode();
        }
        throw error;
      }
      await client.send(
        new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
      );
    },
    async totpOn(accessToken) {
      const { UserMFASettingList = [] } = await client.send(new GetUserCommand({ AccessToken: accessToken }));
      return UserMFASettingList.includes('SOFTWARE_TOKEN_MFA');
    },
    async isConfirmed(username) {
      try {
        const { UserStatus } = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
        return UserStatus === 'CONFIRMED';
      } catch (error) {
        if (error instanceof UserNotFoundException) {
          return undefined;
        }
        throw error;
      }
    },
    async getSub(username) {
      try {
        const { UserAttributes = [] } = await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
        return UserAttributes.find((attribute) => attribute.Name === 'sub')?.Value;
      } catch (error) {
        if (error instanceof UserNotFoundException) {
          return undefined;
        }
        throw error;
      }
    },
  };
}

/** The post confirmation trigger's one admin action: the confirmed account joins the citizen group (idempotent in Cognito). */
export function cognitoCitizenGroup(client: CognitoIdentityProviderClient): CitizenGroup {
  return {
    async add(userPoolId, username) {
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: 'citizen' }));
    },
  };
}
