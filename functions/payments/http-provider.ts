// The bill-presentment provider over HTTP: the local simulator, or the provider's endpoint in AWS (PAYMENT_PROVIDER_URL).
// Sent with node:http(s), not fetch: Node loads fetch's implementation (undici) on its first call, about 65 ms of CPU
// of a cold reconciliation on this machine against 14 for node:http (bench/PERFORMANCE.md, cold load), and the AWS
// SDK has node:https loaded already (functions/shared/mfa-status.ts does the same).
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { BillProvider } from './domain/payments';

/** One request; the answer parsed as JSON, or an error naming the status when it is not 2xx. */
function send(method: string, url: URL, body?: unknown): Promise<unknown> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
  return new Promise((resolve, reject) => {
    const outgoing = (url.protocol === 'http:' ? httpRequest : httpsRequest)(url, { method, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.once('error', reject);
      incoming.once('end', () => {
        const status = incoming.statusCode ?? 0;
        if (status < 200 || status > 299) {
          reject(new Error(`payment provider: ${method} ${url.pathname}${url.search} answered ${status}`));
          return;
        }
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    outgoing.once('error', reject);
    outgoing.end(payload);
  });
}

export function httpBillProvider(baseUrl: () => string): BillProvider {
  const call = (method: string, path: string, body?: unknown) => send(method, new URL(`${baseUrl()}${path}`), body);
  return {
    postBill: async (bill) => void (await call('PUT', `/bills/${encodeURIComponent(bill.billNumber)}`, bill)),
    refund: async (input) => void (await call('POST', '/refunds', input)),
    settlement: async (billerId, date) => {
      const settled = (await call('GET', `/settlements?biller=${encodeURIComponent(billerId)}&date=${encodeURIComponent(date)}`)) as Partial<Awaited<ReturnType<BillProvider['settlement']>>>;
      return { payments: settled.payments ?? [], refunds: settled.refunds ?? [] };
    },
  };
}
