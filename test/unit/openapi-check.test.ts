// The checker every integration-test answer goes through (test/support/api.ts) catches each kind of
// answer the document does not describe, and names the operation, the status and the failing path.
import { capabilities } from '../../lib/capabilities';
import { buildOpenApi } from '../../lib/openapi';
import { OpenApiChecker, type OpenApiDocument, type ObservedResponse } from '../support/openapi-check';

const checker = new OpenApiChecker(JSON.parse(JSON.stringify(buildOpenApi(capabilities, { version: 'test' }))) as OpenApiDocument);

function answer(method: string, path: string, status: number, body: unknown, headers: Record<string, string> = {}): ObservedResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    method,
    path,
    status,
    headers: new Headers({ 'content-type': 'application/json; charset=utf-8', ...headers }),
    body,
    text,
    isJson: typeof body !== 'string',
  };
}

const notFound = (code: string) => ({ error: { code, message: 'No service with id x', details: {} } });

describe('OpenAPI answer checker', () => {
  it('accepts documented answers: an error code of the operation, a gateway 401, a replay, an unknown route', () => {
    expect(checker.problems(answer('GET', '/v1/services/passport-renewal?version=2', 404, notFound('service_not_found')))).toEqual([]);
    expect(checker.problems(answer('GET', '/v1/me', 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' }))).toEqual([]);
    expect(checker.problems(answer('GET', '/v1/nowhere', 404, notFound('route_not_found')))).toEqual([]);
    expect(checker.problems(answer('GET', '/v1/agencies', 200, { items: [] }, { 'cache-control': 'public, max-age=60' }))).toEqual(
      expect.not.arrayContaining([expect.stringContaining('header')]),
    );
  });

  it('rejects a status the operation does not list', () => {
    expect(checker.problems(answer('GET', '/v1/services/passport-renewal', 418, notFound('service_not_found')))).toEqual([
      expect.stringMatching(/^GET \/v1\/services\/\{serviceId\} \(getService\) answered 418, which the document does not list/),
    ]);
  });

  it('rejects an error code the operation does not declare, naming the path in the body', () => {
    const problems = checker.problems(answer('GET', '/v1/services/passport-renewal', 404, notFound('bundle_not_found')));
    expect(problems).toEqual([expect.stringContaining('(getService) answered 404: body at /error/code must be equal to one of the allowed values ["service_not_found","version_not_found"]')]);
  });

  it('rejects a body that does not fit the schema', () => {
    const problems = checker.problems(answer('GET', '/v1/services/passport-renewal', 404, { error: { code: 'service_not_found' } }));
    expect(problems.join('\n')).toMatch(/body at \/error must have required property 'message'/);
    expect(checker.problems(answer('GET', '/v1/services/passport-renewal', 404, 'oops'))).toEqual([expect.stringContaining('the body is not JSON')]);
  });

  it('rejects an undescribed header and a missing required one', () => {
    expect(checker.problems(answer('GET', '/v1/services/passport-renewal', 404, notFound('service_not_found'), { 'x-debug': '1' }))).toEqual([
      expect.stringContaining('header x-debug is not described'),
    ]);
    expect(checker.problems(answer('GET', '/openapi.json', 200, {}))).toEqual([expect.stringContaining('header cache-control is required but missing')]);
  });

  it("rejects the gateway's shape where handlers answer, and an unknown route's status other than 404/405", () => {
    expect(checker.problems(answer('GET', '/v1/services/passport-renewal', 404, { message: 'Not Found' })).length).toBeGreaterThan(0);
    expect(checker.problems(answer('GET', '/v1/nowhere', 500, notFound('internal_error')))).toEqual([expect.stringContaining('(no operation) answered 500')]);
  });
});
