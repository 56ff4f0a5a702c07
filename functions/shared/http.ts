// The one HTTP pipeline every handler uses: authorize, resolve the caller's principal, parse and validate, call
// the domain, map errors once.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { en } from 'zod/locales';
import type { RouteContract } from '../../lib/catalogue/types';
import { authorize, type Caller } from './auth';
import type { AttemptCounter } from './attempts';
import { spendAttempt } from './attempts';
import { BadRequest, HttpError, PayloadTooLarge, ServiceUnavailable, TooManyRequests } from './errors';
import type { Principal, RequestContext } from './identity';
import { errorMessage, localizeDetails, negotiateLanguage, problemsOf, type Language } from './language';
import { logger } from './logger';
import { sourceFrames } from './source-stack';
import { linkedPrincipals, type PrincipalResolver } from './principals';

z.config(en());

const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

type Parsed<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

export interface HttpRequest<C extends RouteContract> {
  readonly params: Parsed<C['params']>;
  readonly query: Parsed<C['query']>;
  readonly body: Parsed<C['body']>;
  readonly caller: C['access'] extends 'public' ? Caller | undefined : Caller;
  /** The caller's scope from their identity link, resolved before the handler runs (routes with a `principal` need). */
  readonly principal: C['principal'] extends 'linked' | 'enrolling' ? Principal : undefined;
  /** The request id and channel, for the audit trail. */
  readonly context: RequestContext;
  readonly requestId: string;
  /** The raw bearer token, for the few calls made on the user's behalf (MFA enrolment). */
  readonly bearerToken?: string;
  /** Request headers, names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export type HttpResult<C extends RouteContract> = {
  readonly status?: number;
  readonly headers?: Record<string, string>;
} & (
  | { readonly body: z.input<C['response']> }
  /** The body already serialized: JSON of the route's response, sent as it is (a large document kept as text, not parsed and serialized again). */
  | { readonly json: string }
);

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResponse = APIGatewayProxyStructuredResultV2;
export type LambdaHttpHandler = (event: HttpEvent, context: Context) => Promise<HttpResponse>;

export interface HttpHandlerOptions {
  /** Counts each client's attempts on a route with a `perClientLimit`. */
  readonly attempts?: AttemptCounter;
  readonly now?: () => Date;
  /** Resolves the caller's principal (tests give their own; the default reads identity links). */
  readonly principals?: PrincipalResolver;
}

export function httpHandler<C extends RouteContract>(
  route: C,
  run: (request: HttpRequest<C>) => Promise<HttpResult<C>>,
  options: HttpHandlerOptions = {},
): LambdaHttpHandler {
  const { perClientLimit } = route;
  const { attempts, now = () => new Date(), principals = linkedPrincipals } = options;
  if (perClientLimit && !attempts) {
    throw new Error(`${route.method} ${route.path} limits each client's attempts: give httpHandler an attempt counter`);
  }
  return middy<HttpEvent, HttpResponse>()
    .use({ onError: mapError })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      if (perClientLimit && attempts) {
        // Before anything else: malformed requests count too.
        await spendAttempt(attempts, `client#${route.method} ${route.path}#${event.requestContext.http.sourceIp}`, perClientLimit, now(), (seconds) =>
          new TooManyRequests('too_many_requests', 'Too many requests from your network; try again later', seconds),
        );
      }
      const caller = authorize(route, event);
      const params = validate(route.params, event.pathParameters ?? {}, 'path');
      const query = validate(route.query, event.queryStringParameters ?? {}, 'query');
      const body = route.body ? validate(route.body, readJsonBody(route, event), 'body') : undefined;
      // After validation: a malformed request is a 400 whoever sends it.
      const { principal, context } = await principals(route.principal, caller, event.requestContext.requestId);
      const request = {
        params,
        query,
        body,
        caller,
        principal,
        context,
        requestId: event.requestContext.requestId,
        bearerToken: /^Bearer\s+(\S+)$/i.exec(event.headers?.authorization ?? '')?.[1],
        headers: Object.fromEntries(Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
      } as HttpRequest<C>;
      const result = await run(request);
      const status = result.status ?? route.successStatus;
      return 'json' in result ? { ...json(status, null, result.headers), body: result.json } : json(status, result.body, result.headers);
    }) as unknown as LambdaHttpHandler;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

function readJsonBody(route: RouteContract, event: HttpEvent): unknown {
  const limit = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (!raw) {
    throw new BadRequest('missing_body', 'A JSON request body is required');
  }
  if (Buffer.byteLength(raw, 'utf8') > limit) {
    throw new PayloadTooLarge(limit);
  }
  const contentType = event.headers?.['content-type'];
  if (contentType && !/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new HttpError(415, 'unsupported_media_type', 'The request body must be application/json');
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new BadRequest('invalid_json', 'The request body is not valid JSON');
  }
}

function languageOf(event: HttpEvent): Language {
  const headers = event.headers ?? {};
  return negotiateLanguage(headers['accept-language'] ?? headers['Accept-Language']);
}

function validate(schema: z.ZodMiniType | undefined, input: unknown, location: 'path' | 'query' | 'body'): unknown {
  if (!schema) {
    return undefined;
  }
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) {
    return result.data;
  }
  throw new BadRequest('validation_failed', `Invalid ${location === 'path' ? 'path parameter' : location}`, problemsOf(result.error.issues, location));
}

const TIMEOUT_RETRY_AFTER_SECONDS = 2;

/** Refusals that say when to come back (429, 503, a 409 still in progress) carry Retry-After. */
function retryAfter(error: HttpError): Record<string, string> {
  const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' ? { 'retry-after': String(seconds) } : {};
}

/**
 * DynamoDB refused a write for contention alone: a transaction cancelled only because another one was in flight on
 * the same items (every reason `None` or `TransactionConflict`), or a single write that met one. Nothing was
 * written, so a retry is safe; an adapter that did not retry it itself (or ran out of attempts) lets it through.
 */
function contended(error: Error | null | undefined): boolean {
  if (error?.name === 'TransactionConflictException') {
    return true;
  }
  const reasons = error?.name === 'TransactionCanceledException' ? ((error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? []) : [];
  return reasons.some((reason) => reason.Code === 'TransactionConflict') && reasons.every((reason) => reason.Code === 'TransactionConflict' || reason.Code === 'None' || reason.Code === undefined);
}

async function mapError(request: middy.Request<HttpEvent, HttpResponse>): Promise<void> {
  // middy's early-timeout guard: the function ran out of time (overload), or the table's contention outlasted the
  // adapter's retries. Retryable: a retry with the same Idempotency-Key gets what this request created, or finishes it.
  const error =
    request.error?.name === 'TimeoutError' || contended(request.error)
      ? new ServiceUnavailable('Busy: retry with the same request', TIMEOUT_RETRY_AFTER_SECONDS)
      : request.error;
  const language = languageOf(request.event);
  const localized = { 'content-language': language, vary: 'Accept-Language' };
  if (error instanceof HttpError) {
    request.response = json(
      error.status,
      {
        error: {
          code: error.code,
          message: errorMessage(error.code, error.message, error.details, language),
          details: localizeDetails(error.details ?? {}, language),
        },
      },
      { ...localized, ...retryAfter(error) },
    );
    return;
  }
  // Messages can quote personal data (a name, a national number), so only the error's name, the code
  // locations of its stack and, for AWS errors, the service's request id are logged.
  const metadata = (error as { $metadata?: { requestId?: string; httpStatusCode?: number } } | null)?.$metadata;
  logger.error('Unhandled error', {
    errorName: error?.name,
    stack: error?.stack ? sourceFrames(error.stack.split('\n').slice(1, 8).map((frame) => frame.trim())) : undefined,
    ...(metadata ? { awsRequestId: metadata.requestId, awsStatus: metadata.httpStatusCode } : {}),
  });
  request.response = json(
    500,
    { error: { code: 'internal_error', message: errorMessage('internal_error', 'Something went wrong on our side; it has been logged', {}, language), details: {} } },
    localized,
  );
}
