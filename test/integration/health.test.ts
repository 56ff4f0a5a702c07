import { tableDefinitions } from '../../lib/platform/tables';
import { api } from '../support/api';

describe('GET /v1/health', () => {
  test('answers without a token: the version, the stage and every table reachable, nothing else', async () => {
    const response = await api('/v1/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ok',
      version: 'local',
      stage: 'local',
      tables: Object.fromEntries(tableDefinitions.map((definition) => [definition.id, 'reachable'])),
    });
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
  });

  test('refuses a query parameter it does not know with a 400', async () => {
    const response = await api('/v1/health?verbose=true');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toEqual(expect.any(String));
  });

  test('is described in the OpenAPI document', async () => {
    const document = (await api('/openapi.json')).body;
    expect(document.paths['/v1/health'].get.operationId).toBe('getHealth');
  });
});
