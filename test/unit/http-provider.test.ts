// The payment provider over HTTP (a stand-in server answers as the provider would): its answers read as JSON; a
// provider that fails, cannot be reached, answers what is not JSON or takes too long is a retryable 503 with
// Retry-After, never a 500 nor a request held to the function's timeout; a refusal of our own request is an error.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpBillProvider } from '../../functions/payments/http-provider';
import { HttpError } from '../../functions/shared/errors';

let answer: { status: number; body: string } = { status: 200, body: '{}' };
const seen: Array<{ method: string; url: string; body: string }> = [];
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, body });
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const unavailable = { status: 503, code: 'service_unavailable', details: { retryAfterSeconds: 5 } };

it("reads the provider's settlement and posts bills as JSON", async () => {
  const payment = { transactionId: 'T1', billNumber: 'B1', amountFils: 5000, paidAt: '2026-12-01T08:00:00.000Z' };
  answer = { status: 200, body: JSON.stringify({ payments: [payment] }) };
  const provider = httpBillProvider(() => base);
  await expect(provider.settlement('dvld', '2026-12-01')).resolves.toEqual({ payments: [payment], refunds: [] });
  expect(seen.at(-1)).toMatchObject({ method: 'GET', url: '/settlements?biller=dvld&date=2026-12-01' });
  answer = { status: 200, body: '{}' };
  await provider.postBill({ billNumber: 'B 2', amountFils: 1000, billerId: 'dvld', description: 'fee' });
  expect(seen.at(-1)).toEqual({ method: 'PUT', url: '/bills/B%202', body: JSON.stringify({ billNumber: 'B 2', amountFils: 1000, billerId: 'dvld', description: 'fee' }) });
});

it('answers 503 with Retry-After when the provider fails or answers what is not JSON', async () => {
  const provider = httpBillProvider(() => base);
  answer = { status: 502, body: 'bad gateway' };
  await expect(provider.settlement('dvld', '2026-12-01')).rejects.toMatchObject(unavailable);
  answer = { status: 200, body: '<html>maintenance</html>' };
  await expect(provider.settlement('dvld', '2026-12-01')).rejects.toMatchObject(unavailable);
});

it("is an error of the platform's own, not a 503, when the provider refuses the request", async () => {
  answer = { status: 400, body: '{"error":"bad bill"}' };
  const refused = httpBillProvider(() => base).refund({ refundId: 'R1', transactionId: 'T1', billNumber: 'B1', amountFils: 10 });
  await expect(refused).rejects.toThrow('payment provider: POST /refunds answered 400');
  await expect(refused).rejects.not.toBeInstanceOf(HttpError);
});

it('answers 503 when the provider cannot be reached at all', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const gone = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise((resolve) => closed.close(resolve));
  await expect(httpBillProvider(() => gone).settlement('dvld', '2026-12-01')).rejects.toMatchObject(unavailable);
});

it('answers 503 when the provider takes longer than the time allowed', async () => {
  const silent = http.createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const slow = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    await expect(httpBillProvider(() => slow, 50).settlement('dvld', '2026-12-01')).rejects.toMatchObject(unavailable);
  } finally {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  }
});
