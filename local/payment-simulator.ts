// A local stand-in for the bill-presentment provider (eFAWATEERcom): it keeps the bills the platform posts, lets a
// citizen pay one as at a bank or wallet, signs the payment notification and sends it to the platform, keeps the
// day's settlement per biller, and takes refunds. Tests and the README pay through it like a citizen.
//
//   PUT  /bills/{billNumber}        the platform posts a bill { billNumber, amountFils, billerId, description }
//   GET  /bills/{billNumber}        the bill as a citizen's bank shows it
//   POST /bills/{billNumber}/pay    pay it: { amountFils? (default: the amount due), notify? (default true),
//                                   signedSecondsAgo? (default 0) } → { transaction, notification, platform }
//   POST /refunds                   { refundId, transactionId, billNumber, amountFils }: once per refundId
//   GET  /settlements?biller=&date= the biller's payments and refunds paid out on that Amman date
//   GET  /pay/{billNumber}?return=  the pay page a portal sends a citizen to (local/payment-page.ts)
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { signNotification } from '../functions/payments/domain/payments';
import { ammanDate } from '../functions/shared/amman-time';
import { listen } from './listen';
import { payPage } from './payment-page';

interface Bill {
  billNumber: string;
  amountFils: number;
  billerId: string;
  description: string;
}
interface Transaction {
  transactionId: string;
  billNumber: string;
  billerId: string;
  amountFils: number;
  paidAt: string;
}

export interface PaymentSimulator {
  readonly url: string;
  readonly secret: string;
  /** Where notifications go: the platform's POST /v1/payments/notifications (known once the gateway listens). */
  notifyTo(url: string): void;
  stop(): Promise<void>;
}

/** The provider's books: refunds paid back (once per refund id) and each biller's settlement of a day. */
function ledger(transactions: readonly Transaction[]) {
  const refunds = new Map<string, { refundId: string; transactionId: string; billNumber: string; amountFils: number; billerId: string; refundedAt: string }>();
  return {
    /** False for an unknown transaction. */
    refund(input: { refundId?: unknown; transactionId?: string; billNumber: string; amountFils: number }): boolean {
      const paid = transactions.find((transaction) => transaction.transactionId === input.transactionId);
      if (!paid || typeof input.refundId !== 'string') {
        return false;
      }
      if (!refunds.has(input.refundId)) {
        refunds.set(input.refundId, { refundId: input.refundId, transactionId: paid.transactionId, billNumber: input.billNumber, amountFils: input.amountFils, billerId: paid.billerId, refundedAt: new Date().toISOString() });
      }
      return true;
    },
    /** The biller's payments made and refunds paid out on an Amman date. */
    settlement(biller: string | null, date: string | null) {
      const payments = transactions
        .filter((transaction) => transaction.billerId === biller && ammanDate(new Date(transaction.paidAt)) === date)
        .map(({ billerId: _biller, ...payment }) => payment);
      const paidOut = [...refunds.values()]
        .filter((refund) => refund.billerId === biller && ammanDate(new Date(refund.refundedAt)) === date)
        .map(({ billerId: _biller, ...refund }) => refund);
      return { payments, refunds: paidOut };
    },
  };
}

export async function startPaymentSimulator(port = 0): Promise<PaymentSimulator> {
  const secret = randomBytes(32).toString('hex');
  const bills = new Map<string, Bill>();
  const transactions: Transaction[] = [];
  const { refund, settlement } = ledger(transactions);
  let notifyUrl = '';

  async function pay(bill: Bill, input: { amountFils?: number; notify?: boolean; signedSecondsAgo?: number }) {
    const transaction: Transaction = {
      transactionId: `EFW${Date.now()}${randomBytes(3).toString('hex').toUpperCase()}`,
      billNumber: bill.billNumber,
      billerId: bill.billerId,
      amountFils: input.amountFils ?? bill.amountFils,
      paidAt: new Date().toISOString(),
    };
    transactions.push(transaction);
    const body = { transactionId: transaction.transactionId, billNumber: bill.billNumber, amountFils: transaction.amountFils, paidAt: transaction.paidAt };
    const headers = { 'content-type': 'application/json', 'x-payment-signature': signNotification(secret, body, Math.floor(Date.now() / 1000) - (input.signedSecondsAgo ?? 0)) };
    const notification = { headers, body };
    if (input.notify === false) {
      return { transaction, notification };
    }
    const answer = await fetch(notifyUrl, { method: 'POST', headers, body: JSON.stringify(body) });
    return { transaction, notification, platform: { status: answer.status, body: await answer.json() } };
  }

  const paidBills = (billNumber: string) => transactions.some((transaction) => transaction.billNumber === billNumber);
  const pages = { bill: (billNumber: string) => bills.get(billNumber), paid: paidBills, pay: (bill: Bill) => pay(bill, {}) };

  const server = http.createServer((request, response) => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      void (async () => {
        const url = new URL(request.url ?? '/', 'http://localhost');
        if (await payPage(pages, request, url, raw, response)) {
          return;
        }
        const input = raw ? JSON.parse(raw) : {};
        const billPath = /^\/bills\/([^/]+)(\/pay)?$/.exec(url.pathname);
        const bill = billPath ? bills.get(decodeURIComponent(billPath[1]!)) : undefined;
        if (billPath && request.method === 'PUT' && !billPath[2]) {
          bills.set(input.billNumber, { billNumber: input.billNumber, amountFils: input.amountFils, billerId: input.billerId, description: input.description });
          return send(200, bills.get(input.billNumber));
        }
        if (billPath && !bill) {
          return send(404, { error: 'no such bill' });
        }
        if (bill && request.method === 'GET' && !billPath![2]) {
          return send(200, { ...bill, paid: paidBills(bill.billNumber) });
        }
        if (bill && request.method === 'POST' && billPath![2]) {
          return send(200, await pay(bill, input));
        }
        if (url.pathname === '/refunds' && request.method === 'POST') {
          return refund(input) ? send(200, { refunded: true }) : send(404, { error: 'no such transaction' });
        }
        if (url.pathname === '/settlements' && request.method === 'GET') {
          return send(200, settlement(url.searchParams.get('biller'), url.searchParams.get('date')));
        }
        return send(404, { error: 'not found' });
      })().catch((error: Error) => send(500, { error: error.message }));
    });
  });
  const url = await listen(server, port);
  return {
    url,
    secret,
    notifyTo: (target) => {
      notifyUrl = target;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
