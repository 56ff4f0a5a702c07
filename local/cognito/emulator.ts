// cognito-local in-process (our data dir, our port, quiet): boot, message outbox, and the sign-in lockout and SMS MFA
// Cognito has.
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import type http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Config } from 'cognito-local/lib/server/config';
import type { Services } from 'cognito-local/lib/services';
import { LocalCloudError } from '../state';
import { loadNotAuthorized, withSignInLockout } from './sign-in-lockout';
import { withSmsMfa } from './sms-mfa';
import { type LocalTriggers, type TriggerHandler, localTriggers } from './triggers';

export interface RunningCognito {
  readonly endpoint: string;
  /** The pool's Lambda triggers, run in-process (KMS, for CustomEmailSender, is never used). */
  attachTriggers(handlers: ReadonlyMap<string, TriggerHandler>): void;
  stop(): Promise<void>;
}

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
  const triggers = await localTriggers();
  const { Router, createServer, services, logger } = await loadEmulator(dataDir, config, cognitoOutbox(opts.outboxDir ?? path.join(dataDir, 'outbox')), triggers);
  const server = await createServer(withSignInLockout(withSmsMfa(Router(services), services.cognito), await loadNotAuthorized()), logger, config.ServerConfig, services)
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
  return { endpoint, attachTriggers: (handlers) => triggers.attach(handlers), stop: () => close(server) };
}

/** Loaded on start only: callers of a running cloud (token script, integration tests) need none of the emulator. */
async function loadEmulator(dataDir: string, config: Config, outboxFile: string, lambda: LocalTriggers) {
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
  const triggers = new lib.TriggersService(clock, cognito, lambda, undefined as never);
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
