// Local stand-in for the HTTP API: catalogue routes, the JWT authorizer's checks, API Gateway v2 events.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { Capability } from '../lib/catalogue/types';
import { routeKey } from '../lib/catalogue/types';
import type { HttpResponse, LambdaHttpHandler } from '../functions/shared/http';
import { errorMessage, negotiateLanguage } from '../functions/shared/language';
import { type CorsPolicy, preflightHeaders, responseCorsHeaders } from '../lib/platform/cors';
import { type ConcurrencyLimits, FunctionConcurrency, THROTTLE_RETRY_AFTER_SECONDS } from './concurrency';
import { type CompiledRoute, RouteTable } from './gateway-routes';

export type JwtClaims = Record<string, unknown>;
/** Verifies a bearer token like the API's JWT authorizer (issuer, signature, expiry, audience); throws when invalid. */
export type TokenVerifier = (token: string) => Promise<JwtClaims>;

export interface GatewayOptions {
  readonly capabilities: readonly Capability[];
  readonly handlers: ReadonlyMap<string, LambdaHttpHandler>;
  readonly verifyToken: TokenVerifier;
  readonly log?: (line: string) => void;
  /** Answers preflights and adds CORS headers as API Gateway does with `corsPreflight`. @default - no CORS */
  readonly cors?: CorsPolicy;
  /** Serves what no API route claims (the portal's files); undefined passes on to the API's 404. */
  readonly files?: (req: http.IncomingMessage, pathname: string) => Promise<HttpResponse | undefined>;
  /** Each function's concurrency (local/concurrency.ts). @default defaultConcurrency */
  readonly concurrency?: ConcurrencyLimits;
  /**
   * The region is fenced (`npm run failover`, local/region-switch.ts): like the AWS stage throttled to zero, every
   * API request gets 429 until it is lifted; the portal's files are still served. @default never
   */
  readonly fenced?: () => boolean;
}

const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export function createGateway(options: GatewayOptions): http.Server {
  const routes = new RouteTable(options.capabilities);
  const concurrency = new FunctionConcurrency(options.concurrency);
  // Keep idle connections longer than clients do (undici: 4 s), or a reused one can close under a request.
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const started = process.hrtime.bigint();
    serve(options, routes, concurrency, req)
      .catch(() => awsError(500, 'Internal Server Error'))
      .then((response) => {
        const origin = req.headers.origin;
        const cors = options.cors && response.statusCode !== 204 ? responseCorsHeaders(options.cors, origin) : {};
        res.writeHead(response.statusCode ?? 200, { ...response.headers, ...cors } as http.OutgoingHttpHeaders);
        res.end(response.isBase64Encoded ? Buffer.from(response.body ?? '', 'base64') : (response.body ?? ''));
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        // The route template, never the raw path or query: those carry national numbers and names.
        options.log?.(`${routeLabel(routes, req)} -> ${response.statusCode} (${ms.toFixed(1)} ms)`);
      });
  });
  acceptRawUtf8RequestLines(server);
  // What Node's parser refuses still gets a JSON answer, like API Gateway's own errors, not a bare close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify({ message: status === 431 ? 'Request Header Fields Too Large' : 'Bad Request' });
    if (socket.writable) {
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    }
  });
  return server;
}

/**
 * curl and people send `?q=جواز` as raw UTF-8, which API Gateway accepts and Node's parser refuses: the first
 * request line of each connection is percent-encoded before the parser sees it (what a browser would send).
 * A later request on a kept-alive connection is not rewritten; if it carries raw bytes it gets a JSON 400.
 */
function acceptRawUtf8RequestLines(server: http.Server): void {
  const parse = server.listeners('connection') as Array<(socket: net.Socket) => void>;
  server.removeAllListeners('connection');
  server.on('connection', (socket: net.Socket) => {
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      socket.unshift(encodeRequestLine(chunk));
      for (const listener of parse) {
        listener.call(server, socket);
      }
      socket.resume();
    });
  });
}

function encodeRequestLine(chunk: Buffer): Buffer {
  const end = chunk.indexOf('\r\n');
  const line = chunk.subarray(0, end < 0 ? chunk.length : end);
  if (!line.some((byte) => byte >= 0x80)) {
    return chunk;
  }
  const encoded = Array.from(line, (byte) => (byte >= 0x80 ? `%${byte.toString(16).toUpperCase()}` : String.fromCharCode(byte))).join('');
  return Buffer.concat([Buffer.from(encoded, 'latin1'), chunk.subarray(line.length)]);
}

function routeLabel(routes: RouteTable, req: http.IncomingMessage): string {
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  const route = routes.candidates(pathname).find((candidate) => candidate.capability.route.method === req.method);
  return route ? routeKey(route.capability.route) : `${req.method} (no route)`;
}

async function serve(options: GatewayOptions, routes: RouteTable, concurrency: FunctionConcurrency, req: http.IncomingMessage): Promise<HttpResponse> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (options.cors && req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    // API Gateway answers every preflight itself, before routes and authorizers: 204, with the CORS headers
    // only when the origin and method are allowed (the browser then refuses the request).
    const headers = preflightHeaders(options.cors, req.headers.origin, String(req.headers['access-control-request-method']));
    return { statusCode: 204, headers: headers ?? {}, body: '' };
  }
  const candidates = routes.candidates(url.pathname);
  if (candidates.length > 0 && options.fenced?.()) {
    return awsError(429, 'Too Many Requests');
  }
  const match = candidates.find((route) => route.capability.route.method === req.method);
  if (!match && options.files && candidates.length === 0 && (req.method === 'GET' || req.method === 'HEAD')) {
    const file = await options.files(req, url.pathname);
    if (file) {
      return file;
    }
  }
  if (!match) {
    // API Gateway answers 404 {"message":"Not Found"} for both; locally, the platform's Error shape says which.
    return candidates.length > 0
      ? platformError(req, 405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`, {
          allowedMethods: candidates.map((route) => route.capability.route.method),
        })
      : platformError(req, 404, 'route_not_found', `No operation has the path ${url.pathname}; see /openapi.json`);
  }
  const body = await readBody(req);
  if (body === undefined) {
    return awsError(413, 'Request Entity Too Large');
  }
  const { capability } = match;
  let claims: JwtClaims | undefined;
  if (capability.route.access !== 'public') {
    claims = await authorizerClaims(options.verifyToken, req.headers.authorization);
    if (!claims) {
      return awsError(401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
    }
  }
  const handler = options.handlers.get(capability.id);
  if (!handler) {
    return awsError(500, 'Internal Server Error');
  }
  const event = toEvent(req, url, match, body, claims);
  const release = await concurrency.acquire(capability.id);
  if (!release) {
    // Lambda throttled the invocation: API Gateway's 429, with when to come back.
    return awsError(429, 'Too Many Requests', { 'retry-after': String(THROTTLE_RETRY_AFTER_SECONDS) });
  }
  try {
    return await handler(event, lambdaContext(capability, event.requestContext.requestId));
  } finally {
    release();
  }
}

async function authorizerClaims(verify: TokenVerifier, header: string | undefined): Promise<JwtClaims | undefined> {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!token) {
    return undefined;
  }
  try {
    return await verify(token);
  } catch {
    return undefined;
  }
}

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  // A request with neither header has no body (RFC 9112 6.3); Node discards what is left unread once it answers.
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    return Promise.resolve('');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) {
        chunks.push(chunk);
      }
    });
    req.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function toEvent(
  req: http.IncomingMessage,
  url: URL,
  route: CompiledRoute,
  body: string,
  claims: JwtClaims | undefined,
): APIGatewayProxyEventV2 {
  const values = route.pattern.exec(url.pathname)?.slice(1) ?? [];
  const pathParameters = Object.fromEntries(route.names.map((name, i) => [name, safeDecode(values[i] ?? '')]));
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    query[key] = key in query ? `${query[key]},${value}` : value;
  }
  const headers: Record<string, string> = {};
  for (const key in req.headers) {
    const value = req.headers[key];
    headers[key.toLowerCase()] = Array.isArray(value) ? value.join(',') : String(value ?? '');
  }
  const now = new Date();
  const key = routeKey(route.capability.route);
  return {
    version: '2.0',
    routeKey: key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(route.names.length ? { pathParameters } : {}),
    ...(body ? { body } : {}),
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: key,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims: flattenClaims(claims), scopes: [] } } } : {}),
    },
  } as APIGatewayProxyEventV2;
}

/** The flattened claims of each verified token's claims (the verifier gives the same object while it caches a token). */
const flattened = new WeakMap<JwtClaims, Readonly<Record<string, string>>>();

/** API Gateway passes every claim as a string; arrays become "[a b]". Each event gets its own copy. */
function flattenClaims(claims: JwtClaims): Record<string, string> {
  let flat = flattened.get(claims);
  if (!flat) {
    flat = Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]));
    flattened.set(claims, flat);
  }
  return { ...flat };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function lambdaContext(capability: Capability, requestId: string): Context {
  const deadline = Date.now() + (capability.timeoutSeconds ?? 10) * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `khidma-local-${capability.id}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:khidma-local-${capability.id}`,
    memoryLimitInMB: String(capability.memoryMb ?? 256),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/khidma-local-${capability.id}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: ignore,
    fail: ignore,
    succeed: ignore,
  };
}

/** The context's legacy callbacks, one function for every request. */
const ignore = (): void => undefined;

function platformError(req: http.IncomingMessage, status: number, code: 'route_not_found' | 'method_not_allowed', message: string, details: Record<string, unknown> = {}): HttpResponse {
  const language = negotiateLanguage(req.headers['accept-language']);
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-language': language,
      ...(status === 405 ? { allow: String(details.allowedMethods) } : {}),
    },
    body: JSON.stringify({ error: { code, message: errorMessage(code, message, details, language), details } }),
  };
}

/** Errors API Gateway itself produces (before any Lambda runs) have its own body shape. */
function awsError(status: number, message: string, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ message }),
  };
}
