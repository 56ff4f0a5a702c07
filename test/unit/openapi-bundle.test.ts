// get-openapi's bundle holds the document built at bundling time (lib/openapi-bundle.ts): it must serve exactly what
// the function builds when it runs unbundled (the local cloud), for the version it is deployed with.
import type { APIGatewayProxyEventV2, Context, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { gunzipSync } from 'node:zlib';
import { capabilities } from '../../lib/capabilities';
import { buildOpenApi } from '../../lib/openapi';
import { BUNDLED_OPENAPI_VERSION, bundleDefines, encodedOpenApi, OPENAPI_DOCUMENT_GLOBAL } from '../../lib/openapi-bundle';

const context = { functionName: 'get-openapi', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const event = {
  version: '2.0',
  routeKey: 'GET /openapi.json',
  rawPath: '/openapi.json',
  rawQueryString: '',
  headers: { host: 'api.khidma.example', 'x-forwarded-proto': 'https' },
  isBase64Encoded: false,
  requestContext: { requestId: 'req-1', http: { method: 'GET', path: '/openapi.json', sourceIp: '127.0.0.1' } },
} as unknown as APIGatewayProxyEventV2;

async function serve(bundled: string | undefined): Promise<unknown> {
  const globals = globalThis as Record<string, unknown>;
  if (bundled === undefined) {
    delete globals[OPENAPI_DOCUMENT_GLOBAL];
  } else {
    globals[OPENAPI_DOCUMENT_GLOBAL] = bundled;
  }
  try {
    let module: typeof import('../../functions/openapi/get-openapi') | undefined;
    jest.isolateModules(() => {
      module = require('../../functions/openapi/get-openapi');
    });
    const answer = (await module!.handler(event, context)) as APIGatewayProxyStructuredResultV2;
    expect(answer.statusCode).toBe(200);
    return JSON.parse(answer.body!);
  } finally {
    delete globals[OPENAPI_DOCUMENT_GLOBAL];
  }
}

describe('the OpenAPI document bundled with get-openapi', () => {
  const saved = process.env.KHIDMA_VERSION;
  beforeAll(() => {
    process.env.KHIDMA_VERSION = '9.8.7';
  });
  afterAll(() => {
    process.env.KHIDMA_VERSION = saved;
  });

  it('is defined for get-openapi only, as the document the catalogue builds', () => {
    expect(bundleDefines('functions/services/get-service.ts')).toBeUndefined();
    const define = bundleDefines('functions/openapi/get-openapi.ts')!;
    const decoded = JSON.parse(gunzipSync(Buffer.from(JSON.parse(define[OPENAPI_DOCUMENT_GLOBAL]!) as string, 'base64')).toString('utf8'));
    expect(decoded).toEqual(buildOpenApi(capabilities, { version: BUNDLED_OPENAPI_VERSION }));
  });

  it('is served exactly as the unbundled function builds it, with the deployed version and the caller\'s server', async () => {
    const bundled = await serve(encodedOpenApi());
    const built = await serve(undefined);
    expect(JSON.stringify(bundled)).toBe(JSON.stringify(built));
    const { info, servers } = bundled as { info: { version: string }; servers: Array<{ url: string }> };
    expect(info.version).toBe('9.8.7');
    expect(servers[0]!.url).toBe('https://api.khidma.example');
  });
});
