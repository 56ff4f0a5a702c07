// The bill-presentment provider over HTTP: the local simulator, or the provider's endpoint in AWS (PAYMENT_PROVIDER_URL).
import type { BillProvider } from './domain/payments';

export function httpBillProvider(baseUrl: () => string): BillProvider {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`payment provider: ${method} ${path} answered ${response.status}`);
    }
    return response.json() as Promise<unknown>;
  };
  return {
    postBill: async (bill) => void (await call('PUT', `/bills/${encodeURIComponent(bill.billNumber)}`, bill)),
    refund: async (input) => void (await call('POST', '/refunds', input)),
    settlement: async (billerId, date) => {
      const settled = (await call('GET', `/settlements?biller=${encodeURIComponent(billerId)}&date=${encodeURIComponent(date)}`)) as Partial<Awaited<ReturnType<BillProvider['settlement']>>>;
      return { payments: settled.payments ?? [], refunds: settled.refunds ?? [] };
    },
  };
}
