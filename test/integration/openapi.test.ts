import { compileErrors, validate } from '@readme/openapi-parser';
import { capabilities } from '../../lib/capabilities';
import { api } from '../support/api';

describe('GET /openapi.json', () => {
  let document: any;

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

  it('lists every catalogue route exactly once, with its roles and error shape', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods as object).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(capabilities.map((c) => `${c.route.method} ${c.route.path}`).sort());
    for (const { route } of capabilities) {
      const operation = document.paths[route.path][route.method.toLowerCase()];
      expect(operation.operationId).toBe(route.operationId);
      expect(operation.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
      if (route.access === 'public') {
        expect(operation.security).toEqual([]);
      } else {
        expect(operation['x-roles']).toEqual(route.access);
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
  });

  it('describes request bodies with the same schemas the handlers validate', () => {
    const put = document.paths['/v1/services/{serviceId}'].put;
    expect(put.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PutServiceBody' });
    const card = document.components.schemas.ServiceCardInput;
    expect(card.additionalProperties).toBe(false);
    expect(card.required).toEqual(expect.arrayContaining(['name', 'ownerAgencyId', 'workflow', 'priority', 'baseline']));
  });
});
