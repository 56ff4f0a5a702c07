// The environment every function reads, in one schema, parsed with zod when a function loads: a variable that is
// set but wrong (a cache lifetime of "abc", an endpoint that is not a URL) fails the cold start with one message
// naming every bad variable, instead of misbehaving at the first request that reads it. What a variable is
// missing is checked where it is needed (`requireTable`, the AWS adapters), since each function gets only the
// variables its catalogue entry declares (test/unit/handler-environment.test.ts).
import * as z from 'zod/mini';
import { type TableId, tableDefinitions, tableEnvName } from '../../lib/platform/tables';

const text = z.optional(z.string().check(z.minLength(1)));
const url = z.optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));
const SECONDS = 'must be whole seconds from 0 to 86400';
const seconds = (fallback: number) =>
  z._default(z.coerce.number({ error: SECONDS }).check(z.int({ error: SECONDS }), z.minimum(0, { error: SECONDS }), z.maximum(86_400, { error: SECONDS })), fallback);

const schema = z.object({
  STAGE: z._default(z.string().check(z.regex(/^[a-z][a-z0-9-]*$/, 'must be a lowercase stage name')), 'local'),
  AWS_REGION: text,
  /** The local cloud's engines; absent in AWS. */
  DYNAMODB_ENDPOINT: url,
  COGNITO_ENDPOINT: url,
  USER_POOL_ID: text,
  USER_POOL_CLIENT_ID: text,
  /** `portal=<clientId>,mobile=<clientId>,kiosk=<clientId>`: the channel of each app client. */
  APP_CLIENTS: z._default(z.string().check(z.regex(/^([a-z]+=[^,=]+)?(,[a-z]+=[^,=]+)*$/, 'must be name=clientId pairs, comma separated')), ''),
  POWERTOOLS_SERVICE_NAME: z._default(z.string(), 'khidma'),
  CATALOGUE_CACHE_SECONDS: seconds(30),
  RECONCILE_GRACE_SECONDS: seconds(900),
  NOTIFICATIONS_RETRY_BASE_SECONDS: seconds(30),
  NOTIFICATIONS_FROM_EMAIL: z.optional(z.email({ error: 'must be an email address' })),
  SES_CONFIGURATION_SET: text,
  SMS_SENDER_ID: text,
  EVENT_BUS_NAME: text,
  WORKFLOW_STATE_MACHINE_ARN: z.optional(z.string().check(z.regex(/^arn:aws[a-z-]*:states:/, 'must be a state machine ARN'))),
  PAYMENT_PROVIDER_URL: url,
  PAYMENT_NOTIFICATION_SECRET: text,
  DOCUMENT_SIGNING_KEY_ID: text,
  KHIDMA_COMMIT: z._default(z.string(), 'local'),
  KHIDMA_VERSION: z._default(z.string(), '0.1.0'),
  ...Object.fromEntries(tableDefinitions.map((table) => [tableEnvName(table.id), text])),
});

export type Environment = z.infer<typeof schema> & { readonly tables: Partial<Record<TableId, string>> };

/** A function's environment is not what CDK (or the local cloud) should have given it. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

export function parseEnvironment(source: Record<string, string | undefined>): Environment {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message} (got ${JSON.stringify(source[String(issue.path[0])])})`);
    throw new EnvironmentError(`Invalid environment: ${problems.join('; ')}`);
  }
  const data = parsed.data as z.infer<typeof schema> & Record<string, string | undefined>;
  const tables = Object.fromEntries(tableDefinitions.flatMap((table) => (data[tableEnvName(table.id)] ? [[table.id, data[tableEnvName(table.id)]]] : [])));
  return { ...data, tables };
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
