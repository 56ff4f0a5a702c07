// cognito-local in-process (our data dir, our port, quiet) holding the same pool, groups and clients as the CDK identity stack.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  UserNotFoundException,
  type UserStatusType,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { generateSync } from 'otplib';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { Config } from 'cognito-local/lib/server/config';
import type { Lambda, Services } from 'cognito-local/lib/services';
import {
  type AppClient,
  appClients,
  customAttributes,
  passwordPolicy,
  roleDescriptions,
  roles,
  tokenValidity,
} from '../lib/platform/identity';
import type { DemoUser } from './demo-users';
import { LocalCloudError } from './state';

export interface RunningCognito {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface LocalIdentity {
  userPoolId: string;
  issuer: string;
  jwksUri: string;
  clients: Record<AppClient, string>;
}

/** Lambda triggers are not configured locally, so neither the Lambda client nor KMS (for CustomEmailSender) is ever used. */
const noTriggers: Lambda = {
  enabled: () => false,
  invoke: (): Promise<never> => Promise.reject(new Error('Lambda triggers are not available in the local cloud')),
};

/** Where the emulator's emails and SMS (confirmation codes, temporary passwords) go: one JSON line each. */
export function cognitoOutbox(outboxDir: string): string {
  return path.join(path.resolve(outboxDir), 'cognito-messages.jsonl');
}

/** cognito-local's MessageSender, writing each message to the outbox file instead of the console. */
function fileMessageSender(file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const write = (medium: 'email' | 'sms', user: { Username: string }, destination: string, message: { __code?: string; emailSubject?: string; emailMessage?: string; smsMessage?: string }) => {
    const line = {
      at: new Date().toISOString(),
      medium,
      username: user.Username,
      destination,
      code: message.__code,
      subject: message.emailSubject,
      text: medium === 'email' ? message.emailMessage : message.smsMessage,
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    return Promise.resolve();
  };
  return {
    sendEmail: (_ctx: unknown, user: { Username: string }, destination: string, message: object) => write('email', user, destination, message),
    sendSms: (_ctx: unknown, user: { Username: string }, destination: string, message: object) => write('sms', user, destination, message),
  };
}

export async function startCognito(opts: { port: number; dataDir: string; reset: boolean; outboxDir?: string }): Promise<RunningCognito> {
  const dataDir = path.resolve(opts.dataDir);
  if (opts.reset) {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const config: Config = {
    LambdaClient: {},
    TriggerFunctions: {},
    UserPoolDefaults: {},
    TokenConfig: {},
    ServerConfig: { port: opts.port, hostname: '127.0.0.1', development: false, https: false },
  };
  const { Router, createServer, services, logger } = await loadEmulator(dataDir, config, cognitoOutbox(opts.outboxDir ?? path.join(dataDir, 'outbox')));
  const server = await createServer(withSignInLockout(Router(services), await loadNotAuthorized()), logger, config.ServerConfig, services)
    .start()
    .catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'EADDRINUSE'
        ? new LocalCloudError(
            `port ${opts.port} for the Cognito emulator is already in use: stop what uses it, or choose another with \`npm start -- --cognito-port N\``,
          )
        : error;
    });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  config.TokenConfig.IssuerDomain = endpoint;
  return { endpoint, stop: () => close(server) };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the emulator's own Context type
type EmulatorRoute = (ctx: any, req: any) => Promise<any>;

/** Consecutive failed sign-ins (wrong password or wrong MFA code) after which a username is locked out. */
export const signInLockout = { failures: 5, lockSeconds: 900 } as const;

async function loadNotAuthorized(): Promise<() => Error> {
  const { NotAuthorizedError } = await import('cognito-local/lib/errors');
  return () => new NotAuthorizedError('Password attempts exceeded');
}

/**
 * Cognito locks a username out after five failed sign-ins in a row (AWS: a lockout that starts at one second and
 * doubles, up to about fifteen minutes); cognito-local does not, so this wraps its InitiateAuth and
 * RespondToAuthChallenge: after five failures, a username is refused, with Cognito's own answer, for fifteen minutes.
 */
export function withSignInLockout(router: (target: string) => EmulatorRoute, lockedOut: () => Error, now: () => number = Date.now) {
  const failures = new Map<string, { count: number; lockedUntil: number }>();
  return (target: string): EmulatorRoute => {
    const route = router(target);
    if (target !== 'InitiateAuth' && target !== 'RespondToAuthChallenge') {
      return route;
    }
    return async (ctx, req) => {
      const username = String(req.AuthParameters?.USERNAME ?? req.ChallengeResponses?.USERNAME ?? '').toLowerCase();
      const state = failures.get(username);
      if (username && state && state.lockedUntil > now()) {
        throw lockedOut();
      }
      try {
        const result = await route(ctx, req);
        if (username && (result as { AuthenticationResult?: unknown }).AuthenticationResult) {
          failures.delete(username);
        }
        return result;
      } catch (error) {
        const name = (error as { code?: string; name?: string }).code ?? (error as Error).name;
        if (username && /NotAuthorized|InvalidPassword|CodeMismatch/.test(String(name))) {
          const count = (state && state.lockedUntil <= now() && state.lockedUntil > 0 ? 0 : (state?.count ?? 0)) + 1;
          failures.set(username, { count, lockedUntil: count >= signInLockout.failures ? now() + signInLockout.lockSeconds * 1000 : 0 });
        }
        throw error;
      }
    };
  };
}

/** Loaded on start only: callers of a running cloud (token script, integration tests) need none of the emulator. */
async function loadEmulator(dataDir: string, config: Config, outboxFile: string) {
  const pino = createRequire(require.resolve('cognito-local'))('pino') as typeof import('pino').default;
  const logger = pino({ level: 'error' }, pino.destination(2));
  const [{ Router }, { createServer }, lib, { CognitoServiceFactoryImpl }, { StormDBDataStoreFactory }, delivery, { otp }, tokens, pools] =
    await Promise.all([
      import('cognito-local/lib/server/Router'),
      import('cognito-local/lib/server/server'),
      import('cognito-local/lib/services'),
      import('cognito-local/lib/services/cognitoService'),
      import('cognito-local/lib/services/dataStore/stormDb'),
      import('cognito-local/lib/services/messageDelivery/messageDelivery'),
      import('cognito-local/lib/services/otp'),
      import('cognito-local/lib/services/tokenGenerator'),
      import('cognito-local/lib/services/userPoolService'),
    ]);
  const clock = new lib.DateClock();
  const dataStores = new StormDBDataStoreFactory(dataDir);
  const cognito = await new CognitoServiceFactoryImpl(dataDir, dataStores, new pools.UserPoolServiceFactoryImpl(clock, dataStores)).create(
    { logger },
    config.UserPoolDefaults,
  );
  const triggers = new lib.TriggersService(clock, cognito, noTriggers, undefined as never);
  const services: Services = {
    clock,
    cognito,
    config,
    messages: new lib.MessagesService(triggers, new delivery.MessageDeliveryService(fileMessageSender(outboxFile) as never)),
    otp,
    tokenGenerator: new tokens.JwtTokenGenerator(clock, triggers, config.TokenConfig),
    triggers,
  };
  return { Router, createServer, services, logger };
}

function close(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** aws-jwt-verify fetches JWKS over https only; the emulator serves them over http. */
export function localJwksCache(): SimpleJwksCache {
  return new SimpleJwksCache({ fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() } });
}

/** The same checks as the HTTP API's JWT authorizer: signature, issuer, expiry, and the client among the audience. */
export function localTokenVerifier(identity: LocalIdentity): (token: string) => Promise<Record<string, unknown>> {
  const verifier = JwtRsaVerifier.create(
    { issuer: identity.issuer, jwksUri: identity.jwksUri, audience: null },
    { jwksCache: localJwksCache() },
  );
  const clients = new Set(Object.values(identity.clients));
  // A token's signature and claims never change: verified once, it is only checked for expiry again (the
  // authorizer runs in API Gateway in AWS; here its RSA work would compete with the functions for the CPU).
  const verified = new Map<string, Record<string, unknown>>();
  return async (token) => {
    const known = verified.get(token);
    if (known) {
      if (typeof known.exp === 'number' && known.exp * 1000 > Date.now()) {
        return known;
      }
      verified.delete(token);
    }
    const claims = (await verifier.verify(token)) as Record<string, unknown>;
    const audience = claims.client_id ?? claims.aud;
    if (typeof audience !== 'string' || !clients.has(audience)) {
      throw new Error('token audience is not one of our app clients');
    }
    if (verified.size >= 10_000) {
      verified.delete(verified.keys().next().value!);
    }
    verified.set(token, claims);
    return claims;
  };
}

const clients = new Map<string, CognitoIdentityProviderClient>();

function identityProvider(endpoint: string): CognitoIdentityProviderClient {
  let client = clients.get(endpoint);
  if (!client) {
    client = new CognitoIdentityProviderClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    clients.set(endpoint, client);
  }
  return client;
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
