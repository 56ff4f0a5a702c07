// The environment every function reads, in one declaration, parsed when a function loads: a variable that is set
// but wrong (a cache lifetime of "abc", an endpoint that is not a URL) fails the cold start with one message
// naming every bad variable, instead of misbehaving at the first request that reads it. Whether a variable is
// missing is checked where it is needed (`requireTable`, the AWS adapters), since each function gets only the
// variables its catalogue entry declares (test/unit/handler-environment.test.ts).
//
// Checked by hand rather than with zod: zod/mini adds 25 KB to the functions that do not already load it (the
// delivery workers: deliver-email 385 KB -> 410 KB, over the 400 KB bundle budget), for a dozen string checks.
import type { TableId } from '../../lib/platform/tables';

type Check<T> = (value: string | undefined) => T | { readonly problem: string };

const optional =
  (test: RegExp, problem: string): Check<string | undefined> =>
  (value) =>
    value === undefined || value === '' ? undefined : test.test(value) ? value : { problem };
const withDefault =
  (test: RegExp, problem: string, fallback: string): Check<string> =>
  (value) =>
    value === undefined || value === '' ? fallback : test.test(value) ? value : { problem };
const seconds =
  (fallback: number): Check<number> =>
  (value) => {
    if (value === undefined || value === '') {
      return fallback;
    }
    const number = Number(value);
    return /^\d+$/.test(value) && number <= 86_400 ? number : { problem: 'must be whole seconds from 0 to 86400' };
  };

const ANY = /^[\s\S]*$/;
const URL_PATTERN = /^https?:\/\/[^\s/]+(\/\S*)?$/;

const checks = {
  STAGE: withDefault(/^[a-z][a-z0-9-]*$/, 'must be a lowercase stage name', 'local'),
  AWS_REGION: optional(/^[a-z0-9-]+$/, 'must be a region name'),
  /** The local cloud's engines; absent in AWS. */
  DYNAMODB_ENDPOINT: optional(URL_PATTERN, 'must be an http(s) URL'),
  COGNITO_ENDPOINT: optional(URL_PATTERN, 'must be an http(s) URL'),
  USER_POOL_ID: optional(ANY, ''),
  /** The pool's own region (a pool answers only there), when it is not the function's. */
  USER_POOL_REGION: optional(/^[a-z0-9-]+$/, 'must be a region name'),
  /** The other region's pool, which the identity mirror copies accounts to. */
  STANDBY_USER_POOL_ID: optional(ANY, ''),
  STANDBY_USER_POOL_REGION: optional(/^[a-z0-9-]+$/, 'must be a region name'),
  STANDBY_COGNITO_ENDPOINT: optional(URL_PATTERN, 'must be an http(s) URL'),
  USER_POOL_CLIENT_ID: optional(ANY, ''),
  /** `portal=<clientId>,mobile=<clientId>,kiosk=<clientId>`: the channel of each app client. */
  APP_CLIENTS: withDefault(/^([a-z]+=[^,=]+)?(,[a-z]+=[^,=]+)*$/, 'must be name=clientId pairs, comma separated', ''),
  POWERTOOLS_SERVICE_NAME: withDefault(ANY, '', 'khidma'),
  CATALOGUE_CACHE_SECONDS: seconds(30),
  RECONCILE_GRACE_SECONDS: seconds(900),
  /** How far back the hourly reconciler looks at submissions (three passes overlap). */
  RECONCILE_WINDOW_SECONDS: seconds(3 * 3600),
  NOTIFICATIONS_RETRY_BASE_SECONDS: seconds(30),
  NOTIFICATIONS_FROM_EMAIL: optional(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address'),
  SES_CONFIGURATION_SET: optional(ANY, ''),
  SMS_SENDER_ID: optional(ANY, ''),
  EVENT_BUS_NAME: optional(ANY, ''),
  WORKFLOW_STATE_MACHINE_ARN: optional(/^arn:aws[a-z-]*:states:/, 'must be a state machine ARN'),
  PAYMENT_PROVIDER_URL: optional(URL_PATTERN, 'must be an http(s) URL'),
  /** Locally: the provider simulator's signing key itself. */
  PAYMENT_NOTIFICATION_SECRET: optional(ANY, ''),
  /** In AWS: the Secrets Manager secret holding it. */
  PAYMENT_NOTIFICATION_SECRET_ARN: optional(/^arn:aws[a-z-]*:secretsmanager:/, 'must be a Secrets Manager secret ARN'),
  DOCUMENT_SIGNING_KEY_ID: optional(ANY, ''),
  /** The open-data bucket (served by CloudFront) and its region, and the bucket of its CloudFront logs. */
  OPEN_DATA_BUCKET: optional(ANY, ''),
  OPEN_DATA_BUCKET_REGION: optional(/^[a-z0-9-]+$/, 'must be a region name'),
  OPEN_DATA_LOG_BUCKET: optional(ANY, ''),
  /** Where the public reads the API (https://api.khidma.example; locally the local cloud's URL): links printed on documents. */
  PUBLIC_BASE_URL: optional(URL_PATTERN, 'must be an http(s) URL'),
  /** Set by Lambda with active tracing: where the X-Ray daemon listens (`169.254.79.129:2000`, or `tcp:…:2000 udp:…:2000`). */
  AWS_XRAY_DAEMON_ADDRESS: optional(/^(\S+:\d+|(tcp|udp):\S+:\d+( (tcp|udp):\S+:\d+)?)$/, 'must be host:port, or tcp:host:port udp:host:port'),
  /** Set by Lambda: the folder of the function's code (and of files shipped beside it). */
  LAMBDA_TASK_ROOT: optional(ANY, ''),
  /** The document upload bucket (presigned POSTs and downloads). */
  UPLOAD_BUCKET: optional(ANY, ''),
  /** The audit checkpoints' Object Lock bucket (this region's). */
  AUDIT_CHECKPOINT_BUCKET: optional(ANY, ''),
  /**
   * Where AWS calls go instead of AWS (the SDK's own variables, which its clients read themselves): absent in AWS; the
   * bench's stand-in for the services without a local engine. The hand-signed S3 requests honour them too.
   */
  AWS_ENDPOINT_URL: optional(URL_PATTERN, 'must be an http(s) URL'),
  AWS_ENDPOINT_URL_S3: optional(URL_PATTERN, 'must be an http(s) URL'),
  KHIDMA_COMMIT: withDefault(ANY, '', 'local'),
  KHIDMA_VERSION: withDefault(ANY, '', '0.1.0'),
};

export type Environment = { readonly [K in keyof typeof checks]: Exclude<ReturnType<(typeof checks)[K]>, { readonly problem: string }> } & {
  /** The tables this function was given (TABLE_<ID>), by id. */
  readonly tables: Partial<Record<TableId, string>>;
};

/** A function's environment is not what CDK (or the local cloud) should have given it. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

export function parseEnvironment(source: Record<string, string | undefined>): Environment {
  const problems: string[] = [];
  const parsed: Record<string, unknown> = {};
  for (const [name, check] of Object.entries(checks) as [string, Check<unknown>][]) {
    const value = check(source[name]);
    if (value !== null && typeof value === 'object' && 'problem' in value) {
      problems.push(`${name} ${value.problem} (got ${JSON.stringify(source[name])})`);
    } else {
      parsed[name] = value;
    }
  }
  if (problems.length > 0) {
    throw new EnvironmentError(`Invalid environment: ${problems.join('; ')}`);
  }
  // TABLE_<ID> (lib/platform/tables.ts `tableEnvName`), read by name so the table definitions stay out of the bundle.
  const tables = Object.fromEntries(
    Object.entries(source).flatMap(([name, value]) => (name.startsWith('TABLE_') && value ? [[name.slice('TABLE_'.length).toLowerCase(), value]] : [])),
  );
  return { ...parsed, tables } as Environment;
}

let current: Environment | undefined;

/** The parsed environment, once per process (the local cloud and tests that set variables call `refreshEnvironment`). */
export function environment(): Environment {
  return (current ??= parseEnvironment(process.env));
}

/** Parses the environment again, after the local cloud (or a test) changed it in this process. */
export function refreshEnvironment(): Environment {
  current = undefined;
  return environment();
}
