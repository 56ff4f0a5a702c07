// The simulator's pay page: where the portal sends a citizen to pay a bill online, as a bank's or wallet's
// eFAWATEERcom page would. It shows the bill, pays it when the citizen confirms (the provider then notifies the
// platform, signed, as in `POST /bills/{billNumber}/pay`), and sends the browser back to the portal.
//
//   GET  /pay/{billNumber}?return=URL   the bill, a "Pay" button and a link back without paying
//   POST /pay/{billNumber}              (form: return=URL) pays it, then 303 to the return URL
import type http from 'node:http';

export interface PayableBill {
  readonly billNumber: string;
  readonly amountFils: number;
  readonly billerId: string;
  readonly description: string;
}

export interface PayPageDeps {
  bill(billNumber: string): PayableBill | undefined;
  paid(billNumber: string): boolean;
  pay(bill: PayableBill): Promise<{ platform?: { status: number } }>;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Only a web address goes back into a link or a redirect (never javascript: or data:). */
function returnUrl(value: string | null): string | undefined {
  try {
    const url = new URL(value ?? '');
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function html(title: string, ...parts: string[]): string {
  return [
    '<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escape(title)}</title><style>body{font-family:sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.6}`,
    'button{font-size:1.1rem;padding:.5rem 1.5rem}dt{font-weight:bold}</style></head><body>',
    '<header><p><strong>إي فواتيركم · eFAWATEERcom</strong> — <span lang="en" dir="ltr">local simulator</span></p></header><main>',
    `<h1>${escape(title)}</h1>`,
    ...parts,
    '</main></body></html>',
  ].join('');
}

function billPage(bill: PayableBill, paid: boolean, back: string | undefined): string {
  const amount = (bill.amountFils / 1000).toFixed(3);
  const facts =
    `<dl><dt>رقم الفاتورة · Bill number</dt><dd dir="ltr">${escape(bill.billNumber)}</dd>` +
    `<dt>المفوتر · Biller</dt><dd dir="ltr">${escape(bill.billerId.toUpperCase())}</dd>` +
    `<dt>البيان · Description</dt><dd>${escape(bill.description)}</dd>` +
    `<dt>المبلغ · Amount</dt><dd dir="ltr">${amount} JOD</dd></dl>`;
  const backLink = back ? `<p><a href="${escape(back)}">${paid ? 'العودة إلى البوابة · Back to the portal' : 'العودة دون دفع · Back without paying'}</a></p>` : '';
  if (paid) {
    return html('الفاتورة مدفوعة · The bill is paid', facts, backLink);
  }
  const form =
    `<form method="post" action="/pay/${encodeURIComponent(bill.billNumber)}">` +
    (back ? `<input type="hidden" name="return" value="${escape(back)}">` : '') +
    `<button type="submit">ادفع ${amount} د.أ · Pay ${amount} JOD</button></form>`;
  return html('دفع فاتورة · Pay a bill', facts, form, backLink);
}

/** Answers /pay/... requests; false for any other path. */
export async function payPage(deps: PayPageDeps, request: http.IncomingMessage, url: URL, raw: string, response: http.ServerResponse): Promise<boolean> {
  const match = /^\/pay\/([^/]+)$/.exec(url.pathname);
  if (!match) {
    return false;
  }
  const send = (status: number, body: string) => {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(body);
  };
  const billNumber = decodeURIComponent(match[1]!);
  const bill = deps.bill(billNumber);
  if (!bill) {
    send(404, html('لم تصل الفاتورة بعد · The bill has not arrived yet', '<p>أعد المحاولة بعد لحظات. · Try again in a moment.</p>'));
    return true;
  }
  if (request.method !== 'POST') {
    send(200, billPage(bill, deps.paid(billNumber), returnUrl(url.searchParams.get('return'))));
    return true;
  }
  const back = returnUrl(new URLSearchParams(raw).get('return'));
  const answer = deps.paid(billNumber) ? undefined : await deps.pay(bill);
  if (answer?.platform && answer.platform.status >= 300) {
    send(502, html('لم يُسجَّل الدفع · The payment was not recorded', `<p dir="ltr">platform answered ${answer.platform.status}</p>`));
  } else if (back) {
    response.writeHead(303, { location: back, 'cache-control': 'no-store' });
    response.end();
  } else {
    send(200, billPage(bill, true, undefined));
  }
  return true;
}
