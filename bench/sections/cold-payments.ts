// The cold-load tour's payments: applications for a service whose fee is due before issue (the civil registry
// extract: 1 JOD to CSPD), each billed at the provider's stand-in on submission. The tour pays one of them through
// POST /v1/payments/notifications, so notify-payment's recorded event is a signed notification that records a
// payment; cold run n then pays bill n, its notification signed by the provider at that moment (the handler refuses
// one signed more than 300 s ago) and never replayed (a paid bill or a known transaction is not the same work).
import { randomUUID } from 'node:crypto';
import { type ApiAnswer, type CloudClient, until } from '../client';

type Caller = (id: string, request: { path: string; user?: string; method?: string; body?: unknown; headers?: Record<string, string> }) => Promise<ApiAnswer>;
type Notification = { headers: Record<string, string>; body: Record<string, unknown> };
/** The part of an HTTP event a notification sets (cold-routes.ts's HttpEvent, which imports this file). */
type Signed = { readonly body?: string; readonly headers: Record<string, string> };

const EXTRACT = { serviceId: 'civil-status-extract', answers: { extractType: 'individual' }, channel: 'portal' } as const;
/** The extract's one step, which waits for the payment: paying opens its task. */
const ISSUING_STEP = 'generate-extract';

/** The provider's stand-in (local/payment-simulator.ts), called as a citizen's bank would. */
async function provider(client: CloudClient, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${client.address.paymentProviderUrl}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

/**
 * A submitted extract whose bill the platform has posted to the provider and whose issuing task waits for the payment
 * (so every payment does the same work: recorded, the bill paid, the task opened): its bill number.
 */
async function dueBill(client: CloudClient): Promise<string | undefined> {
  const submitted = await client.call('/v1/applications', 'citizen', { method: 'POST', body: EXTRACT, headers: { 'idempotency-key': randomUUID() } });
  const { applicationId, payment } = (submitted.body ?? {}) as { applicationId?: string; payment?: { billNumber: string } };
  if (!applicationId || !payment) {
    return undefined;
  }
  await until(`bill ${payment.billNumber} at the provider`, async () => ((await provider(client, `/bills/${payment.billNumber}`)).status === 200 ? true : undefined));
  await until(`task ${applicationId}.${ISSUING_STEP} to wait for the payment`, async () => ((await client.taskStatus(`${applicationId}.${ISSUING_STEP}`)) === 'awaiting-payment' ? true : undefined));
  return payment.billNumber;
}

/** Pays the bill at the provider without its notification sent: the notification, signed now. */
async function paid(client: CloudClient, billNumber: string): Promise<Notification> {
  const answer = await provider(client, `/bills/${encodeURIComponent(billNumber)}/pay`, { notify: false });
  if (answer.status !== 200) {
    throw new Error(`the provider did not pay bill ${billNumber}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body.notification as Notification;
}

const asEvent = <E extends Signed>(event: E, notification: Notification): E => ({
  ...event,
  body: JSON.stringify(notification.body),
  headers: { ...event.headers, 'x-payment-signature': notification.headers['x-payment-signature']! },
});

/** `runs + 1` due bills: the tour pays the last; the rewrite it returns pays bill n for cold run n (none without a provider). */
export async function paymentRoutes(client: CloudClient, call: Caller, runs: number): Promise<(<E extends Signed>(event: E, run: number) => Promise<E>) | undefined> {
  if (!client.address.paymentProviderUrl) {
    return undefined;
  }
  const bills: string[] = [];
  for (let index = 0; index <= runs; index++) {
    const billNumber = await dueBill(client);
    if (!billNumber) {
      return undefined;
    }
    bills.push(billNumber);
  }
  const notification = await paid(client, bills.at(-1)!);
  await call('notify-payment', { path: '/v1/payments/notifications', body: notification.body, headers: notification.headers });
  return async (event, run) => asEvent(event, await paid(client, bills[run % runs]!));
}
