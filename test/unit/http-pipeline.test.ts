import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import type { RouteContract } from '../../lib/catalogue/types';
import { parseGroups } from '../../functions/shared/auth';
import { Conflict } from '../../functions/shared/errors';
import { httpHandler } from '../../functions/shared/http';

const route = {
  method: 'POST',
  path: '/v1/things/{thingId}',
  operationId: 'makeThing',
  summary: 'test route',
  tag: 'test',
  access: ['operator'],
  params: z.strictObject({ thingId: z.string().check(z.regex(/^[a-z]+$/)) }),
  body: z.strictObject({ size: z.int().check(z.minimum(1)) }),
  response: z.strictObject({ thingId: z.string(), size: z.int() }),
  successStatus: 201,
  maxBodyBytes: 100,
} as const satisfies RouteContract;

const context = { functionName: 'test', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 1000 } as unknown as Context;

function event(overrides: Partial<APIGatewayProxyEventV2> & { claims?: Record<string, string> } = {}): APIGatewayProxyEventV2 {
  const { claims = { sub: 'u1', username: 'op', 'cognito:groups': '[operator]', token_use: 'access' }, ...rest } = overrides;
  return {
    version: '2.0',
    routeKey: 'POST /v1/things/{thingId}',
    rawPath: '/v1/things/abc',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    pathParameters: { thingId: 'abc' },
    body: '{"size":3}',
    isBase64Encoded: false,
    requestContext: { requestId: 'req-1', authorizer: { jwt: { claims, scopes: [] } } },
    ...rest,
  } as unknown as APIGatewayProxyEventV2;
}

const handler = httpHandler(route, async ({ params, body, caller }) => {
  if (body.size === 13) {
    throw new Conflict('stale_version', 'Thirteen is taken', { size: 13 });
  }
  if (body.size === 77) {
    await new Promise(() => undefined); // never answers: the function runs out of time
  }
  if (body.size === 99) {
    throw new Error('database exploded at /srv/app.js:12');
  }
  return { body: { thingId: `${params.thingId}-${caller.username}`, size: body.size } };
});

async function call(e: APIGatewayProxyEventV2) {
  const response = await handler(e, context);
  return { status: response.statusCode, body: JSON.parse(response.body ?? 'null') };
}

describe('http pipeline', () => {
  it('passes validated input and the caller to the domain and answers with the route status', async () => {
    expect(await call(event())).toEqual({ status: 201, body: { thingId: 'abc-op', size: 3 } });
  });

  it.each([
    ['no claims', event({ claims: {} }), 401, 'unauthorized'],
    ['an ID token', event({ claims: { sub: 'u1', 'cognito:groups': '[operator]', token_use: 'id' } }), 401, 'unauthorized'],
    ['a role without access', event({ claims: { sub: 'u1', 'cognito:groups': '[citizen]', token_use: 'access' } }), 403, 'forbidden'],
    ['invalid JSON', event({ body: '{"size":' }), 400, 'invalid_json'],
    ['a missing body', event({ body: undefined }), 400, 'missing_body'],
    ['an unknown field', event({ body: '{"size":1,"extra":true}' }), 400, 'validation_failed'],
    ['a wrong type', event({ body: '{"size":"big"}' }), 400, 'validation_failed'],
    ['a bad path parameter', event({ pathParameters: { thingId: 'ABC' } }), 400, 'validation_failed'],
    ['a body over the limit', event({ body: JSON.stringify({ size: 1, pad: 'x'.repeat(200) }) }), 413, 'payload_too_large'],
    ['a non-JSON content type', event({ headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type'],
    ['a domain conflict', event({ body: '{"size":13}' }), 409, 'stale_version'],
  ])('answers %s with %i %s', async (_, e, status, code) => {
    const response = await call(e);
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, message: expect.any(String) });
  });

  it('reports validation problems with location and path', async () => {
    const response = await call(event({ body: '{"size":0}' }));
    expect(response.body.error.details).toEqual([{ in: 'body', path: 'size', code: 'too_small', message: expect.any(String) }]);
  });

  it('decodes base64 bodies', async () => {
    const response = await call(event({ body: Buffer.from('{"size":4}').toString('base64'), isBase64Encoded: true }));
    expect(response.body.size).toBe(4);
  });

  it('answers a function that runs out of time with a retryable 503 and Retry-After, never a 500', async () => {
    const nearlyOut = { ...context, getRemainingTimeInMillis: () => 30 } as Context;
    const response = await handler(event({ body: '{"size":77}' }), nearlyOut);
    expect(response.statusCode).toBe(503);
    expect(response.headers).toMatchObject({ 'retry-after': expect.stringMatching(/^[1-9]\d*$/) });
    expect(JSON.parse(response.body ?? 'null').error).toMatchObject({ code: 'service_unavailable', details: { retryAfterSeconds: expect.any(Number) } });
  });

  it('answers a write refused for contention alone (a transaction in flight on the same items) with a retryable 503, never a 500', async () => {
    const cancelled = (codes: string[]) =>
      Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });
    const answer = async (error: Error) => {
      const response = await httpHandler(route, async () => {
        throw error;
      })(event(), context);
      return { status: response.statusCode, retryAfter: response.headers?.['retry-after'], code: JSON.parse(response.body ?? 'null').error.code };
    };
    const busy = { status: 503, retryAfter: expect.stringMatching(/^[1-9]\d*$/), code: 'service_unavailable' };
    expect(await answer(cancelled(['None', 'TransactionConflict', 'None']))).toEqual(busy);
    expect(await answer(Object.assign(new Error('conflict'), { name: 'TransactionConflictException' }))).toEqual(busy);
    // A refused condition is the adapter's to name (a conflict it maps); left unmapped it is a defect, not a busy table.
    expect(await answer(cancelled(['ConditionalCheckFailed', 'TransactionConflict']))).toMatchObject({ status: 500, code: 'internal_error' });
    expect(await answer(cancelled([]))).toMatchObject({ status: 500, code: 'internal_error' });
  });

  it('tells a client refused with a retryAfterSeconds detail when to come back (Retry-After)', async () => {
    const busy = httpHandler(route, async () => {
      throw new Conflict('submission_in_progress', 'still being processed', { retryAfterSeconds: 3 });
    });
    const response = await busy(event(), context);
    expect(response.statusCode).toBe(409);
    expect(response.headers).toMatchObject({ 'retry-after': '3' });
  });

  it('hides unexpected errors behind a 500 without details or stack', async () => {
    const response = await call(event({ body: '{"size":99}' }));
    expect(response.status).toBe(500);
    expect(response.body).toEqual({ error: { code: 'internal_error', message: expect.any(String), details: {} } });
    expect(JSON.stringify(response.body)).not.toContain('app.js');
  });
});

describe('group claims', () => {
  it('reads API Gateway flattened arrays, real arrays, and drops unknown groups', () => {
    expect(parseGroups('[officer operator]')).toEqual(['officer', 'operator']);
    expect(parseGroups(['auditor', 'admin'])).toEqual(['auditor']);
    expect(parseGroups(undefined)).toEqual([]);
  });
});
