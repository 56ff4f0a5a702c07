// The local gateway models Lambda's per-function concurrency: a burst past a function's concurrency and its
// waiting room is throttled with 429 and Retry-After (as API Gateway answers a throttled Lambda), never a 500;
// the waiting invocations run once a turn frees, each with its whole timeout ahead of it.
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import type { Context } from 'aws-lambda';
import { capabilities } from '../../lib/capabilities';
import type { HttpResponse, LambdaHttpHandler } from '../../functions/shared/http';
import { FunctionConcurrency } from '../../local/concurrency';
import { createGateway } from '../../local/gateway';

const listServices = capabilities.find((capability) => capability.id === 'list-services')!;

describe('FunctionConcurrency', () => {
  it('runs up to the limit, queues up to the bound, throttles the rest, and passes turns on in order', async () => {
    const limits = new FunctionConcurrency({ perFunction: 2, queue: 1 });
    const first = await limits.acquire('f');
    const second = await limits.acquire('f');
    let queuedRan = false;
    const queued = limits.acquire('f').then((release) => {
      queuedRan = true;
      return release;
    });
    expect(await limits.acquire('f')).toBeUndefined();
    expect(await limits.acquire('other')).toBeDefined();
    expect(queuedRan).toBe(false);
    first!();
    first!(); // a second release of the same turn changes nothing
    const third = await queued;
    expect(queuedRan).toBe(true);
    const fourth = limits.acquire('f'); // the waiting room is free again
    expect(await limits.acquire('f')).toBeUndefined(); // 2 run, 1 waits
    expect(limits.throttled.get('f')).toBe(2);
    second!();
    (await fourth)!();
    third!();
    expect(await limits.acquire('f')).toBeDefined(); // nothing runs: a turn at once
  });
});

describe('the local gateway under a burst', () => {
  let server: http.Server;
  let url: string;
  const waiting: Array<() => void> = [];
  let started = 0;
  const contexts: Context[] = [];

  beforeAll(async () => {
    const slow: LambdaHttpHandler = async (_event, context): Promise<HttpResponse> => {
      started += 1;
      contexts.push(context);
      await new Promise<void>((resolve) => waiting.push(resolve));
      return { statusCode: 200, body: '{"items":[]}' };
    };
    server = createGateway({
      capabilities: [listServices],
      handlers: new Map([[listServices.id, slow]]),
      verifyToken: async () => ({}),
      concurrency: { perFunction: 2, queue: 3 },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${listServices.route.path}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('throttles past concurrency and waiting room with 429 and Retry-After, then serves every admitted request', async () => {
    const answers = Array.from({ length: 8 }, () => fetch(url).then(async (response) => ({ status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() })));
    const throttled = await Promise.all(answers.slice(5));
    expect(throttled).toEqual(Array.from({ length: 3 }, () => ({ status: 429, retryAfter: '1', body: { message: 'Too Many Requests' } })));
    expect(started).toBe(2);
    while (waiting.length > 0 || started < 5) {
      waiting.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const served = await Promise.all(answers.slice(0, 5));
    expect(served.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(started).toBe(5);
    // A queued invocation's timeout starts when it runs.
    expect(Math.min(...contexts.map((context) => context.getRemainingTimeInMillis()))).toBeGreaterThan((listServices.timeoutSeconds ?? 10) * 1000 - 5_000);
  });
});

describe('a fenced local region', () => {
  it('answers every API request 429, as the AWS stage throttled to zero does, and serves again once the fence is lifted', async () => {
    let fenced = true;
    let calls = 0;
    const server = createGateway({
      capabilities: [listServices],
      handlers: new Map([[listServices.id, async () => ((calls += 1), { statusCode: 200, body: '{"items":[]}' })]]),
      verifyToken: async () => ({}),
      fenced: () => fenced,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${listServices.route.path}`;
      const refused = await fetch(url);
      expect([refused.status, await refused.json()]).toEqual([429, { message: 'Too Many Requests' }]);
      expect(calls).toBe(0);
      fenced = false;
      expect((await fetch(url)).status).toBe(200);
      expect(calls).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
