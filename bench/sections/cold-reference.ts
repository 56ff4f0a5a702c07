// The floor any handler pays on a cold start, measured in the same run as the handler: a minimal handler bundled
// the same way (bench/bundle-options.ts), importing the AWS SDK clients the function's bundle holds, whose event
// makes exactly the AWS calls the function made on its own first event (recorded on the wire, Cognito's included: same operations,
// same keys and items, in the same order; a refused write is refused again, and a write that succeeded succeeds again
// on the data the function left, ./replay-writes.ts). No zod, no middy, no Powertools, no domain code: what is left over is what our code adds.
import path from 'node:path';
import { build } from 'esbuild';
import { esbuildOptions } from '../bundle-options';
import type { RecordedCall } from '../harness/recorder';
import { succeedingWrite } from './replay-writes';

interface Service {
  readonly module: string;
  readonly client: string;
  /** Where the function's own client is pointed locally (else AWS_ENDPOINT_URL, the stub). */
  readonly endpointVariable?: string;
  /** How the wire body becomes the command's input. */
  readonly input?: (body: string) => unknown;
}

const formInput = (body: string) => Object.fromEntries([...new URLSearchParams(body)].filter(([name]) => name !== 'Action' && name !== 'Version'));

/** X-Amz-Target prefixes (the stub's names for the REST and query services) and their SDK clients. */
const services: Record<string, Service> = {
  DynamoDB_20120810: { module: '@aws-sdk/client-dynamodb', client: 'DynamoDBClient', endpointVariable: 'DYNAMODB_ENDPOINT' },
  AWSStepFunctions: { module: '@aws-sdk/client-sfn', client: 'SFNClient' },
  AWSEvents: { module: '@aws-sdk/client-eventbridge', client: 'EventBridgeClient' },
  AmazonSQS: { module: '@aws-sdk/client-sqs', client: 'SQSClient' },
  SES: { module: '@aws-sdk/client-sesv2', client: 'SESv2Client' },
  Query: { module: '@aws-sdk/client-sns', client: 'SNSClient', input: formInput },
  AWSCognitoIdentityProviderService: { module: '@aws-sdk/client-cognito-identity-provider', client: 'CognitoIdentityProviderClient', endpointVariable: 'COGNITO_ENDPOINT' },
  GraniteServiceVersion20100801: { module: '@aws-sdk/client-cloudwatch', client: 'CloudWatchClient' },
  secretsmanager: { module: '@aws-sdk/client-secrets-manager', client: 'SecretsManagerClient' },
  TrentService: { module: '@aws-sdk/client-kms', client: 'KMSClient' },
  // No bundle holds S3's client (functions/shared/s3-requests.ts signs S3's REST requests by hand): always replayed raw.
  S3: { module: '@aws-sdk/client-s3', client: 'S3Client', input: () => ({}) },
  // Not AWS: the payment provider's HTTP API (functions/payments/http-provider.ts, reconcile-payments' settlement read);
  // no SDK client, so always replayed raw, as recorded (bench/harness/recorder.ts `rest`).
  PaymentProvider: { module: 'functions/payments/http-provider', client: 'fetch', endpointVariable: 'PAYMENT_PROVIDER_URL', input: () => ({}) },
};

export interface ReferenceCall {
  readonly service: string;
  readonly command: string;
  readonly input: unknown;
  /** The call as it went on the wire: replayed as it is when the function made it without the service's SDK client. */
  readonly target: string;
  readonly body: string;
  /** A REST call's method and path (S3's); else a POST of the body to the service's root. */
  readonly method?: string;
  readonly path?: string;
}

/** The reference's event: the calls to replay. */
export function referenceEvent(calls: readonly RecordedCall[]): { calls: ReferenceCall[] } {
  return {
    calls: calls.flatMap((call) => {
      const [service, operation] = call.target.split('.') as [string, string | undefined];
      const known = services[service];
      if (!known || !operation) {
        return [];
      }
      const rest = call.method && call.path ? { method: call.method, path: call.path } : {};
      const recorded = known.input ? known.input(call.body) : JSON.parse(call.body || '{}');
      // A DynamoDB write that succeeded for the function succeeds again (replay-writes.ts); a refused one is refused again.
      const input = service === 'DynamoDB_20120810' && call.status === 200 ? succeedingWrite(operation, recorded) : recorded;
      return [{ service, command: `${operation}Command`, input, target: call.target, body: call.body, ...rest }];
    }),
  };
}

/** Bundles the reference for a function whose bundle holds `clients` (package names) and whose runs made `calls`. */
export async function bundleReference(outfile: string, clients: readonly string[], calls: readonly ReferenceCall[]): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  // A service whose client the function's bundle lacks was called without the SDK (Cognito's GetUser, a plain HTTP
  // request the token authorizes, functions/shared/mfa-status.ts): the reference makes that call the same way, with
  // node:http(s), the recorded request.
  const used = Object.entries(services).filter(([, { module }]) => clients.includes(module));
  const raw = Object.fromEntries(Object.entries(services).filter(([, { module }]) => !clients.includes(module)).map(([service, { endpointVariable }]) => [service, endpointVariable ?? 'AWS_ENDPOINT_URL']));
  const imports = used.map(([service, { module, client }]) => {
    const commands = [...new Set(calls.filter((call) => call.service === service).map((call) => call.command))];
    return `import { ${[client, ...commands].join(', ')} } from '${module}';`;
  });
  const construct = used.map(([service, { client, endpointVariable }]) => {
    const options = endpointVariable ? `process.env.${endpointVariable} ? { endpoint: process.env.${endpointVariable}, region: process.env.AWS_REGION } : {}` : '{}';
    return `  ${service}: new ${client}(${options}),`;
  });
  const commands = [...new Set(calls.filter((call) => !raw[call.service]).map((call) => call.command))];
  const contents = [
    "import { request as httpRequest } from 'node:http';",
    "import { request as httpsRequest } from 'node:https';",
    ...imports,
    `const clients = {\n${construct.join('\n')}\n};`,
    `const commands = { ${commands.join(', ')} };`,
    `const raw = ${JSON.stringify(raw)};`,
    'const send = (call) =>',
    '  raw[call.service]',
    '    ? post(call.path ? new URL(call.path, process.env[raw[call.service]]) : new URL(process.env[raw[call.service]]), call)',
    '    : clients[call.service].send(new commands[call.command](call.input));',
    'const post = (url, call) =>',
    '  new Promise((resolve, reject) => {',
    "    const headers = call.method ? { 'content-length': Buffer.byteLength(call.body) } : { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': call.target, 'content-length': Buffer.byteLength(call.body) };",
    "    (url.protocol === 'http:' ? httpRequest : httpsRequest)(url, { method: call.method ?? 'POST', headers }, (answer) => answer.resume().once('end', resolve).once('error', reject))",
    "      .once('error', reject)",
    '      .end(call.body);',
    '  });',
    'export const handler = async (event) => {',
    '  for (const call of event.calls) {',
    '    await send(call).catch(() => undefined);',
    '  }',
    '  return { statusCode: 200 };',
    '};',
  ].join('\n');
  const { entryPoints: _entry, ...options } = esbuildOptions(path.join(root, 'bench/cold-reference.mjs'), outfile);
  await build({ ...options, metafile: false, stdin: { contents, resolveDir: root, loader: 'js', sourcefile: 'cold-reference.mjs' } });
}
