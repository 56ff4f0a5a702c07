import { compileErrors, validate } from '@readme/openapi-parser';
import { capabilities } from '../../lib/capabilities';
import { routeErrorCodes } from '../../lib/catalogue/error-codes';
import { errorCodesByStatus } from '../../lib/openapi';
import { api, cloudState } from '../support/api';

const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];

describe('GET /openapi.json', () => {
  let document: any;
  const operationOf = (route: { path: string; method: string }) => document.paths[route.path][route.method.toLowerCase()];
  // JSON, or the one other media type a route answers with (a page to download).
  const schemaAt = (response: any) => (response?.content?.['application/json'] ?? response?.content?.['text/html'] ?? response?.content?.['application/pdf'])?.schema;

  beforeAll(async () => {
    const response = await api('/openapi.json');
    expect(response.status).toBe(200);
    document = response.body;
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document));
    if (!result.valid) {
      throw new Error(compileErrors(result));
    }
  });

  it('lists every catalogue route exactly once, with a unique operationId, summary, tag and roles', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(capabilities.map((c) => `${c.route.method} ${c.route.path}`).sort());
    const ids = capabilities.map((c) => operationOf(c.route).operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { route } of capabilities) {
      const operation = operationOf(route);
      expect(operation.operationId).toBe(route.operationId);
      expect(operation.summary).toEqual(expect.any(String));
      expect(operation.tags).toEqual([route.tag]);
      if (route.access === 'public') {
        expect(operation.security).toEqual([]);
      } else {
        expect(operation.security).toEqual([{ cognito: [] }]);
        expect(operation['x-roles']).toEqual(route.access);
      }
    }
  });

  it('types every request and success body with a named schema', () => {
    for (const { route } of capabilities) {
      const operation = operationOf(route);
      const success = schemaAt(operation.responses[route.successStatus]);
      expect([route.operationId, success]).toEqual([route.operationId, route.operationId === 'getOpenApi' ? expect.any(Object) : { $ref: expect.stringMatching(/^#\/components\/schemas\/\w+$/) }]);
      if (route.body) {
        expect([route.operationId, schemaAt(operation.requestBody)]).toEqual([route.operationId, { $ref: expect.stringMatching(/^#\/components\/schemas\/\w+$/) }]);
      }
    }
    const put = document.paths['/v1/services/{serviceId}'].put;
    expect(put.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PutServiceBody' });
    const card = document.components.schemas.ServiceCardInput;
    expect(card.additionalProperties).toBe(false);
    expect(card.required).toEqual(expect.arrayContaining(['name', 'ownerAgencyId', 'workflow', 'priority', 'baseline']));
  });

  it("lists each operation's error codes per status, as an enum of the Error schema", () => {
    for (const { route } of capabilities) {
      const operation = operationOf(route);
      const byStatus = errorCodesByStatus(route);
      expect([route.operationId, operation['x-error-codes']]).toEqual([route.operationId, Object.fromEntries([...byStatus].map(([status, codes]) => [String(status), codes]))]);
      for (const [status, codes] of byStatus) {
        const schema = schemaAt(operation.responses[status]);
        const errorSchema = schema.oneOf ? schema.oneOf[0] : schema;
        expect([route.operationId, status, errorSchema.allOf[0], errorSchema.allOf[1].properties.error.properties.code.enum]).toEqual([
          route.operationId,
          status,
          { $ref: '#/components/schemas/Error' },
          codes,
        ]);
        for (const code of codes) {
          expect(operation.description).toContain(`\`${code}\``);
        }
      }
      // a status listed in the route's `errors` must have codes that say why
      for (const status of route.errors ?? []) {
        expect([route.operationId, status, byStatus.has(status)]).toEqual([route.operationId, status, true]);
      }
      expect(routeErrorCodes(route)).toContain('internal_error');
    }
  });

  it("documents the gateway's own answers: 401 on secured operations, 413 on every write, 429 everywhere", () => {
    const gateway = { $ref: '#/components/schemas/GatewayError' };
    expect(document.components.schemas.GatewayError).toMatchObject({ required: ['message'], additionalProperties: false });
    for (const { route } of capabilities) {
      const operation = operationOf(route);
      if (route.access !== 'public') {
        expect([route.operationId, schemaAt(operation.responses['401']).oneOf]).toEqual([route.operationId, expect.arrayContaining([gateway])]);
        expect(operation.responses['401'].headers['www-authenticate']).toEqual({ $ref: '#/components/headers/www-authenticate' });
      }
      if (WRITES.includes(route.method)) {
        const tooLarge = schemaAt(operation.responses['413']);
        expect([route.operationId, tooLarge.oneOf ?? [tooLarge]]).toEqual([route.operationId, expect.arrayContaining([gateway])]);
      }
      if (route.perClientLimit) {
        // Its own attempt limits, with Retry-After, or API Gateway's throttling.
        expect(schemaAt(operation.responses['429']).oneOf).toEqual(expect.arrayContaining([gateway]));
        expect(operation.responses['429'].headers['retry-after']).toEqual({ $ref: '#/components/headers/retry-after' });
      } else {
        expect(operation.responses['429']).toEqual({ $ref: '#/components/responses/TooManyRequests' });
      }
    }
    expect(document['x-unmatched-responses']).toEqual({
      '404': { $ref: '#/components/responses/RouteNotFound' },
      '405': { $ref: '#/components/responses/MethodNotAllowed' },
    });
  });

  it('declares the Idempotency-Key header, the replay (200) and the idempotent-replayed header where a route needs them', () => {
    const idempotent = capabilities.filter((c) => c.route.idempotent).map((c) => c.route.operationId);
    expect(idempotent).toEqual(expect.arrayContaining(['submitApplication', 'submitBundle']));
    for (const { route } of capabilities) {
      const operation = operationOf(route);
      const header = operation.parameters.find((parameter: any) => parameter.in === 'header' && parameter.name === 'Idempotency-Key');
      // the handler needs the key exactly when it can answer idempotency_key_required
      expect([route.operationId, Boolean(route.idempotent)]).toEqual([route.operationId, routeErrorCodes(route).includes('idempotency_key_required')]);
      if (!route.idempotent) {
        expect([route.operationId, header]).toEqual([route.operationId, undefined]);
        continue;
      }
      expect(header).toMatchObject({ required: true, schema: { type: 'string' } });
      for (const status of [200, route.successStatus]) {
        expect(operation.responses[status].headers['idempotent-replayed']).toEqual({ $ref: '#/components/headers/idempotent-replayed' });
        expect(schemaAt(operation.responses[status])).toEqual(schemaAt(operation.responses[route.successStatus]));
      }
    }
    expect(document.components.headers['idempotent-replayed']).toMatchObject({ required: true, schema: { enum: ['true', 'false'] } });
  });

  it('describes registry fields per record kind, not as open maps', () => {
    const kinds = ['PersonFields', 'ResidentFields', 'BusinessFields'];
    const refs = (names: string[]) => names.map((name) => ({ $ref: `#/components/schemas/${name}` }));
    expect(document.components.schemas.CreateRecordBody.properties.fields.anyOf).toEqual(refs(kinds));
    expect(document.components.schemas.UpdateRecordBody.properties.fields.anyOf).toEqual(refs(kinds.map((kind) => `${kind}Subset`)));
    expect(document.components.schemas.RegistryRecord.properties.fields.anyOf).toEqual(refs(kinds.map((kind) => `${kind}Subset`)));
    for (const kind of kinds) {
      expect(document.components.schemas[kind]).toMatchObject({ type: 'object', additionalProperties: false });
    }
  });

  it('names its servers: the address it was fetched from, the local cloud and a templated AWS stage URL', () => {
    expect(document.servers[0]).toEqual({ url: cloudState().apiUrl, description: expect.any(String) });
    expect(document.servers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ url: 'http://localhost:3000' }),
        expect.objectContaining({ url: 'https://{apiId}.execute-api.{region}.amazonaws.com', variables: expect.objectContaining({ region: expect.objectContaining({ enum: expect.arrayContaining(['me-central-1']) }) }) }),
      ]),
    );
  });

  it('answers an unknown path with 404 and an unknown method with 405, in the Error shape', async () => {
    const path = await api('/v1/no-such-thing');
    expect(path.status).toBe(404);
    expect(path.body.error.code).toBe('route_not_found');
    const method = await api('/v1/agencies', { method: 'DELETE' });
    expect(method.status).toBe(405);
    expect(method.body.error.code).toBe('method_not_allowed');
    expect(method.headers.get('allow')).toBe('GET');
  });
});
