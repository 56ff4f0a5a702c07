// The same user pool, groups and app clients as the CDK identity stack, created in the emulator (idempotent).
import {
  type CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { type AppClient, appClients, customAttributes, passwordPolicy, roleDescriptions, roles, tokenValidity } from '../../lib/platform/identity';
import { identityProvider } from './client';

export interface LocalIdentity {
  userPoolId: string;
  issuer: string;
  jwksUri: string;
  clients: Record<AppClient, string>;
}

export async function ensureIdentity(endpoint: string, stage: string): Promise<LocalIdentity> {
  const idp = identityProvider(endpoint);
  const userPoolId = await ensureUserPool(idp, `khidma-${stage}-users`);
  await ensureGroups(idp, userPoolId);
  const issuer = `${endpoint}/${userPoolId}`;
  return { userPoolId, issuer, jwksUri: `${issuer}/.well-known/jwks.json`, clients: await ensureClients(idp, userPoolId) };
}

async function ensureUserPool(idp: CognitoIdentityProviderClient, name: string): Promise<string> {
  const { UserPools = [] } = await idp.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const existing = UserPools.find((pool) => pool.Name === name)?.Id;
  if (existing) {
    return existing;
  }
  const { UserPool } = await idp.send(
    new CreateUserPoolCommand({
      PoolName: name,
      AliasAttributes: ['email', 'phone_number'],
      AutoVerifiedAttributes: ['email', 'phone_number'],
      UsernameConfiguration: { CaseSensitive: false },
      MfaConfiguration: 'OPTIONAL',
      Policies: {
        PasswordPolicy: {
          MinimumLength: passwordPolicy.minLength,
          RequireLowercase: passwordPolicy.requireLowercase,
          RequireUppercase: passwordPolicy.requireUppercase,
          RequireNumbers: passwordPolicy.requireDigits,
          RequireSymbols: passwordPolicy.requireSymbols,
          TemporaryPasswordValidityDays: passwordPolicy.tempPasswordValidityDays,
        },
      },
      Schema: Object.entries(customAttributes).map(([attribute, { maxLength }]) => ({
        Name: attribute,
        AttributeDataType: 'String',
        Mutable: true,
        StringAttributeConstraints: { MinLength: '0', MaxLength: String(maxLength) },
      })),
    }),
  );
  return UserPool!.Id!;
}

async function ensureGroups(idp: CognitoIdentityProviderClient, userPoolId: string): Promise<void> {
  const { Groups = [] } = await idp.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  const existing = new Set(Groups.map((group) => group.GroupName));
  for (const [precedence, role] of roles.entries()) {
    if (!existing.has(role)) {
      await idp.send(
        new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role, Description: roleDescriptions[role], Precedence: precedence }),
      );
    }
  }
}

async function ensureClients(idp: CognitoIdentityProviderClient, userPoolId: string): Promise<Record<AppClient, string>> {
  const { UserPoolClients = [] } = await idp.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  const ids = {} as Record<AppClient, string>;
  for (const client of appClients) {
    ids[client] = UserPoolClients.find((existing) => existing.ClientName === client)?.ClientId ?? (await createClient(idp, userPoolId, client));
  }
  return ids;
}

/** As the CDK clients, plus USER_PASSWORD_AUTH so scripts and tests can sign in without SRP. */
async function createClient(idp: CognitoIdentityProviderClient, userPoolId: string, client: AppClient): Promise<string> {
  const validity = tokenValidity[client];
  const { UserPoolClient } = await idp.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: client,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: validity.accessMinutes,
      IdTokenValidity: validity.accessMinutes,
      RefreshTokenValidity: validity.refreshDays,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
    }),
  );
  return UserPoolClient!.ClientId!;
}
