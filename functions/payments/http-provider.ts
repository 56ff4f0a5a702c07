// The bill-presentment provider over HTTP: the local simulator, or the provider's endpoint in AWS (PAYMENT_PROVIDER_URL),
// sent with node:http(s) (functions/shared/http-request.ts says why not fetch). A provider that does not answer within
// PROVIDER_TIMEOUT_MS, cannot be reached, fails (5xx) or answers what is not JSON is a retryable 503 for the caller
// (an operator's reconciliation, the bill and refund workers retried by their event source), never a 500 nor a
// request held to the function's timeout; any other refusal is the platform's own mistake, an error.
import { ServiceUnavailable } from '../shared/errors';
import { requestText } from '../shared/http-request';
import type { BillProvider } from './domain/payments';

export const PROVIDER_TIMEOUT_MS = 5_000;
const RETRY_AFTER_SECONDS = 5;

const unavailable = (what: string) => new ServiceUnavailable(`The payment provider ${what}; try again shortly`, RETRY_AFTER_SECONDS);

/** One request; the answer parsed as JSON. */
async function send(method: string, url: URL, body: unknown, timeoutMs: number): Promise<unknown> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const answer = await requestText(url, { method, headers: payload === undefined ? {} : { 'content-type': 'application/json' }, body: payload, timeoutMs }).catch(() => {
    throw unavailable('did not answer');
  });
  if (answer.status >= 500) {
    throw unavailable(`failed (${answer.status})`);
  }
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`payment provider: ${method} ${url.pathname}${url.search} answered ${answer.status}`);
  }
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    throw unavailable('answered what is not JSON');
  }
}

export function httpBillProvider(baseUrl: () => string, timeoutMs = PROVIDER_TIMEOUT_MS): BillProvider {
  const call = (method: string, path: string, body?: unknown) => send(method, new URL(`${baseUrl()}${path}`), body, timeoutMs);
  return {
    postBill: async (bill) => void (await call('PUT', `/bills/${encodeURIComponent(bill.billNumber)}`, bill)),
    refund: async (input) => void (await call('POST', '/refunds', input)),
    settlement: async (billerId, date) => {
      const settled = (await call('GET', `/settlements?biller=${encodeURIComponent(billerId)}&date=${encodeURIComponent(date)}`)) as Partial<Awaited<ReturnType<BillProvider['settlement']>>>;
      return { payments: settled.payments ?? [], refunds: settled.refunds ?? [] };
    },
  };
}
