// OpenAPI 3.1 document generated from the capability catalogue and the zod schemas it names.
import * as z from 'zod/mini';
import { stages } from './config/stages';
import { errorCodes, routeErrorCodes, type ErrorCode } from './catalogue/error-codes';
import type { Capability, RouteContract } from './catalogue/types';
import '../schemas/common';

type JsonSchema = Record<string, unknown>;

const COMPONENT = '#/components/schemas/';
const STATUS_TEXT: Record<number, string> = {
  200: 'Success',
  201: 'Created',
  202: 'Accepted',
  400: 'Invalid input (machine-readable details)',
  401: 'Missing, expired or invalid bearer token',
  403: 'The caller is not allowed to do this',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict with the current state',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Understood, but refused by a business rule',
  429: 'Too many requests (API Gateway throttling)',
  500: 'Unexpected error',
  503: 'Busy: retry after Retry-After (same Idempotency-Key)',
};
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ref = (name: string) => ({ $ref: `${COMPONENT}${name}` });
/** Error answers say which language their message is in (API Gateway's own answers carry neither header). */
const LANGUAGE_HEADERS = {
  'content-language': { $ref: '#/components/headers/content-language' },
  vary: { $ref: '#/components/headers/vary' },
};

const DESCRIPTION = `Unified government service catalogue, identity, applications and workflows.

Errors: every error the API's handlers answer is \`{"error":{"code","message","details"}}\` (schema Error); each
operation lists the codes it can answer with, per status (the \`code\` enum of its error responses). Before any
handler runs, API Gateway answers in its own shape, \`{"message":"..."}\` (schema GatewayError): 401 for a missing
or bad token on a secured operation, 429 when throttled, 413 for a body over 10 MB, 400 for a request it
cannot parse (431 for oversized headers).

Languages: the \`message\` of an error follows Accept-Language (ar or en; Arabic when absent), and so do the
messages of validation problems in \`details\`; \`code\`, the problems' \`code\` and \`path\` never change.

Unknown routes: a path no operation has answers 404 (\`route_not_found\`), a method the path has no operation for
answers 405 (\`method_not_allowed\`), both in the Error shape from the local cloud; API Gateway in AWS answers
both with 404 \`{"message":"Not Found"}\` (see \`x-unmatched-responses\`).

Idempotency: operations that create something from a citizen's request take a required \`Idempotency-Key\`
header (8 to 64 letters, digits, - or _). Retrying with the same key and body answers 200 with what the first
request created and \`idempotent-replayed: true\`; the same key with another body answers 422
\`idempotency_key_reused\`; a retry while the first request is still being processed answers 409
\`submission_in_progress\` with Retry-After. Under overload an operation answers 429 (throttled) or 503
\`service_unavailable\` (it ran out of time, or its write met another in flight on the same records and nothing
was written), both with Retry-After: retry then with the same key and body.

Request bodies are JSON (\`content-type: application/json\`), at most 16 KB unless an operation says otherwise.`;

export function buildOpenApi(capabilities: readonly Capability[], info: { version: string; serverUrl?: string }) {
  const components = z.toJSONSchema(z.globalRegistry, { target: 'draft-2020-12', uri: (id) => `${COMPONENT}${id}` });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { route } of capabilities) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  const regions = [...new Set(Object.values(stages).flatMap((stage) => [stage.primaryRegion, stage.drRegion]))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Khidma e-government services API',
      version: info.version,
      description: DESCRIPTION,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [
      ...(info.serverUrl ? [{ url: info.serverUrl, description: 'This API (where this document was fetched from)' }] : []),
      { url: 'http://localhost:3000', description: 'Local cloud (npm start; another port with --port)' },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description: "A deployed stage's HTTP API (its ApiUrl stack output)",
        variables: { apiId: { default: 'apiId', description: 'The HTTP API id' }, region: { default: regions[0]!, enum: regions } },
      },
    ],
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components.schemas).map(([id, schema]) => [id, clean(schema)])),
      responses: {
        TooManyRequests: { description: STATUS_TEXT[429], headers: { 'retry-after': { $ref: '#/components/headers/retry-after' } }, content: { 'application/json': { schema: ref('GatewayError') } } },
        RouteNotFound: {
          description: 'No operation has this path',
          headers: { 'content-language': { $ref: '#/components/headers/content-language' } },
          content: { 'application/json': { schema: { oneOf: [errorOf(['route_not_found']), ref('GatewayError')] } } },
        },
        MethodNotAllowed: {
          description: 'The path has no operation for this method (local cloud; API Gateway answers 404)',
          headers: {
            allow: { required: true, description: 'The methods the path has operations for', schema: { type: 'string' } },
            'content-language': { $ref: '#/components/headers/content-language' },
          },
          content: { 'application/json': { schema: errorOf(['method_not_allowed']) } },
        },
      },
      headers: {
        'content-language': {
          description: 'The language of the error message: the best of ar and en in Accept-Language, Arabic when it names neither',
          required: false,
          schema: { type: 'string', enum: ['ar', 'en'] },
        },
        vary: { description: 'The message depends on Accept-Language', required: false, schema: { type: 'string' } },
        'idempotent-replayed': {
          description: 'true when the answer replays what an earlier request with the same Idempotency-Key created',
          required: true,
          schema: { type: 'string', enum: ['true', 'false'] },
        },
        'retry-after': {
          description: 'Seconds to wait before trying again with the same request: after too many attempts, a busy function (429, 503) or a request with the same Idempotency-Key still in progress (409). API Gateway\'s own throttling in AWS sends none: wait a second or more, with jitter',
          required: false,
          schema: { type: 'string', pattern: '^\\d+$' },
        },
        'cache-control': {
          description: 'How long shared caches and browsers may keep the answer',
          required: true,
          schema: { type: 'string', pattern: '^public, max-age=\\d+$' },
        },
        'content-disposition': {
          description: 'The answer is a file to save, and its name',
          required: true,
          schema: { type: 'string', pattern: '^attachment; filename=' },
        },
        'www-authenticate': {
          description: 'The authentication scheme (Bearer), when the token is missing or was refused by the gateway',
          required: false,
          schema: { type: 'string', pattern: '^Bearer\\b' },
        },
      },
      parameters: {
        'Accept-Language': {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          description: 'The language of error messages (ar or en, with quality values); Arabic when absent. Codes never change.',
          schema: { type: 'string', examples: ['ar-JO,ar;q=0.9,en;q=0.8'] },
        },
      },
      securitySchemes: {
        cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito access token' },
      },
    },
    'x-unmatched-responses': {
      '404': { $ref: '#/components/responses/RouteNotFound' },
      '405': { $ref: '#/components/responses/MethodNotAllowed' },
    },
  };
}

/** The codes of a route, grouped by the status they are answered with. */
export function errorCodesByStatus(route: RouteContract): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of routeErrorCodes(route)) {
    const status = errorCodes[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

function operation(route: RouteContract) {
  const isPublic = route.access === 'public';
  const byStatus = errorCodesByStatus(route);
  const responses: Record<string, unknown> = { ...success(route) };
  for (const [status, codes] of byStatus) {
    const gateway = (status === 401 && !isPublic) || status === 413 || status === 429 || status === 500;
    responses[status] = {
      description: STATUS_TEXT[status] ?? 'Error',
      headers: {
        ...LANGUAGE_HEADERS,
        ...(status === 401 ? { 'www-authenticate': { $ref: '#/components/headers/www-authenticate' } } : {}),
        ...(status === 429 || status === 503 || codes.includes('submission_in_progress') ? { 'retry-after': { $ref: '#/components/headers/retry-after' } } : {}),
      },
      content: { 'application/json': { schema: gateway ? { oneOf: [errorOf(codes), ref('GatewayError')] } : errorOf(codes) } },
    };
  }
  if (WRITE_METHODS.has(route.method) && !byStatus.has(413)) {
    responses[413] = { description: `${STATUS_TEXT[413]} (over 10 MB)`, content: { 'application/json': { schema: ref('GatewayError') } } };
  }
  if (!byStatus.has(429)) {
    responses[429] = { $ref: '#/components/responses/TooManyRequests' };
  }
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: [
      ...(route.maxBodyBytes ? [`Request body: at most ${route.maxBodyBytes / 1024} KB.`] : []),
      'Error codes:',
      ...[...byStatus].map(([status, codes]) => `- ${status}: ${codes.map((code) => `\`${code}\``).join(', ')}`),
    ].join('\n'),
    tags: [route.tag],
    ...(isPublic ? { security: [] } : { security: [{ cognito: [] }], 'x-roles': route.access }),
    parameters: [
      ...parameters(route.params, 'path'),
      ...parameters(route.query, 'query'),
      { $ref: '#/components/parameters/Accept-Language' },
      ...(route.idempotent
        ? [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'Your id for this request; retry with the same key and body to get the same result, never a duplicate',
              schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' },
            },
          ]
        : []),
    ],
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } }
      : {}),
    responses,
    'x-error-codes': Object.fromEntries([...byStatus].map(([status, codes]) => [String(status), codes])),
  };
}

function success(route: RouteContract): Record<string, unknown> {
  const content = { [route.mediaType ?? 'application/json']: { schema: schemaOf(route.response, 'output') } };
  const headers: Record<string, unknown> = {};
  for (const name of route.responseHeaders ?? []) {
    headers[name] = { $ref: `#/components/headers/${name}` };
  }
  if (route.idempotent) {
    headers['idempotent-replayed'] = { $ref: '#/components/headers/idempotent-replayed' };
  }
  const described = Object.keys(headers).length ? { headers } : {};
  return {
    [route.successStatus]: { description: STATUS_TEXT[route.successStatus], ...described, content },
    ...(route.alsoSucceeds ? { [route.alsoSucceeds.status]: { description: route.alsoSucceeds.when, ...described, content } } : {}),
    ...(route.idempotent && route.successStatus !== 200
      ? { 200: { description: 'Replayed: this Idempotency-Key and body were sent before; what that request created', ...described, content } }
      : {}),
  };
}

/** The Error schema with the codes one status of one operation can carry. */
function errorOf(codes: readonly ErrorCode[]): JsonSchema {
  return {
    allOf: [ref('Error'), { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: [...codes] } } } } }],
  };
}

function parameters(schema: z.ZodMiniType | undefined, location: 'path' | 'query') {
  if (!schema) {
    return [];
  }
  const json = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

function schemaOf(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) {
    return { $ref: `${COMPONENT}${id}` };
  }
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return clean(JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', `"${COMPONENT}`)));
}

function clean(schema: JsonSchema): JsonSchema {
  const { $schema, $id, $defs, ...rest } = schema;
  void [$schema, $id, $defs];
  return rest;
}
