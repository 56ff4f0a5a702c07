// The catalogue listing's in-memory cache at a real lifetime (the local cloud runs it at 0 s so that tests see
// their own writes): on the local cloud's catalogue, with the clock injected, a new service stays out of the
// listing for exactly the configured seconds, then appears. No sleep: the clock is moved.
import { randomInt } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { dynamoCatalogue } from '../../functions/services/dynamo-catalogue';
import type { LambdaHttpHandler } from '../../functions/shared/http';
import { tableDefinitions, tableEnvName, tableName } from '../../lib/platform/tables';
import { referenceServices } from '../../reference/services';
import { api, cloudState, tables, tokenFor } from '../support/api';
import { refreshEnvironment } from '../../functions/shared/environment';

const LIFETIME_SECONDS = 30;
const context = { functionName: 'list-services', awsRequestId: 'cache-test', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
let listServicesHandler: (deps: { catalogue: ReturnType<typeof dynamoCatalogue> }, cache: { seconds: number; now?: () => number }) => LambdaHttpHandler;

beforeAll(async () => {
  // The handler module wires its production adapters when loaded: point them at the local cloud first.
  const state = cloudState();
  Object.assign(process.env, { DYNAMODB_ENDPOINT: state.dynamoDbEndpoint, AWS_REGION: 'local', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  for (const table of tableDefinitions) {
    process.env[tableEnvName(table.id)] = tableName('local', table.id);
  }
  refreshEnvironment();
  ({ listServicesHandler } = await import('../../functions/services/list-services'));
});

afterAll(async () => (await import('../../functions/shared/dynamo')).dynamo.destroy());

function listing(q: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /v1/services',
    rawPath: '/v1/services',
    rawQueryString: `q=${q}`,
    headers: {},
    queryStringParameters: { q },
    isBase64Encoded: false,
    requestContext: { requestId: `cache-${randomInt(0, 1e9)}`, http: { method: 'GET', path: '/v1/services' } },
  } as unknown as APIGatewayProxyEventV2;
}

it(`serves the listing from memory for ${LIFETIME_SECONDS} s, then reads the catalogue again`, async () => {
  let now = Date.now();
  const handler = listServicesHandler({ catalogue: dynamoCatalogue(tables(), tableName('local', 'catalogue')) }, { seconds: LIFETIME_SECONDS, now: () => now });
  const word = `cacheprobe${randomInt(0, 1e9)}`;
  const list = async () => {
    const response = await handler(listing(word), context);
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['cache-control']).toBe(`public, max-age=${LIFETIME_SECONDS}`);
    return (JSON.parse(response.body!) as { items: Array<{ serviceId: string }> }).items.map((item) => item.serviceId);
  };
  const started = now;
  expect(await list()).toEqual([]);

  const serviceId = `cache-probe-${randomInt(0, 1e9)}`;
  const card = structuredClone(referenceServices[0]!.card);
  card.name = { ar: card.name.ar, en: `Probe ${word}` };
  const created = await api(`/v1/services/${serviceId}`, { method: 'PUT', token: await tokenFor('operator'), body: { expectedVersion: 0, card } });
  expect(created.status).toBe(201);
  // The catalogue has it at once (the local cloud's own cache is off).
  expect((await api(`/v1/services?q=${word}`)).body.items.map((item: { serviceId: string }) => item.serviceId)).toEqual([serviceId]);

  now = started + LIFETIME_SECONDS * 1000 - 1;
  expect(await list()).toEqual([]);
  now = started + LIFETIME_SECONDS * 1000;
  expect(await list()).toEqual([serviceId]);
  // Reloaded at that moment: the next lifetime runs from there.
  now += LIFETIME_SECONDS * 1000 - 1;
  expect(await list()).toEqual([serviceId]);
});
