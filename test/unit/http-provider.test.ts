// The payment provider over HTTP (a stand-in server answers as the provider would): its answers read as JSON; a
// provider that fails, cannot be reached, answers what is not JSON or takes too long is a retryable 503 with
// Retry-After, never a 500 nor a request held to the function's timeout; a refusal of our own request is an error.
import { httpBillProvider } from '../../functions/payments/http-provider';
import { HttpError } from '../../functions/shared/errors';
import { type StandIn, silentServer, standIn, unreachableUrl } from '../support/stand-in-server';

let answer: { status: number; body: string } = { status: 200, body: '{}' };
const seen: Array<{ method: string; url: string; body: string }> = [];
let server: StandIn;
let base: string;

beforeAll(async () => {
  server = await standIn(({ method, url, body }) => {
    seen.push({ method, url, body });
    return { ...answer, headers: { 'content-type': 'application/json' } };
  });
  base = server.url;
});
afterAll(() => server.close());

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
  const gone = await unreachableUrl();
  await expect(httpBillProvider(() => gone).settlement('dvld', '2026-12-01')).rejects.toMatchObject(unavailable);
});

it('answers 503 when the provider takes longer than the time allowed', async () => {
  const silent = await silentServer();
  try {
    await expect(httpBillProvider(() => silent.url, 50).settlement('dvld', '2026-12-01')).rejects.toMatchObject(unavailable);
  } finally {
    await silent.close();
  }
});
