// Fees paid through bill presentment (the eFAWATEERcom model): the platform posts a bill, the
// citizen pays at a bank or wallet, the provider sends a signed notification. Amounts are integer fils.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ulid } from 'ulid';
import type { DomainEvent } from '../../../schemas/applications';
import type { StoredApplication } from '../../applications/domain/applications';
import { canonicalJson } from '../../registry/domain/audit-chain';
import { ammanDate } from '../../shared/amman-time';
import { Conflict, HttpError, NotFound } from '../../shared/errors';

export interface Bill {
  readonly billNumber: string;
  readonly amountFils: number;
  /** The biller: the agency the fee is paid to. */
  readonly billerId: string;
  readonly description: string;
}

export interface PaymentNotification {
  readonly transactionId: string;
  readonly billNumber: string;
  readonly amountFils: number;
  readonly paidAt: string;
}

export interface SettledPayment {
  readonly transactionId: string;
  readonly billNumber: string;
  readonly amountFils: number;
  readonly paidAt: string;
}

export interface Refund {
  /** The platform's id of the refund: the provider refunds once per id. */
  readonly refundId: string;
  readonly transactionId: string;
  readonly billNumber: string;
  readonly amountFils: number;
}

export interface SettledRefund extends Refund {
  readonly refundedAt: string;
}

/** The bill-presentment provider (eFAWATEERcom in production, the simulator locally). */
export interface BillProvider {
  postBill(bill: Bill): Promise<void>;
  /** Idempotent by refundId. */
  refund(input: Refund): Promise<void>;
  /** The provider's settlement of one biller on one Amman date: the payments made and the refunds paid out that day. */
  settlement(billerId: string, date: string): Promise<{ payments: SettledPayment[]; refunds: SettledRefund[] }>;
}

/** A refund the platform made: the fee of a rejected or cancelled application, back to the payer. */
export interface RefundRecord extends SettledRefund {
  readonly applicationId: string;
  readonly agencyId: string;
  readonly receiptNumber: string;
}

export interface PaymentRecord extends PaymentNotification {
  readonly applicationId: string;
  readonly agencyId: string;
  /** `recorded`: it paid the bill. `flagged`: refused (wrong amount, unknown or settled bill) and kept for reconciliation. */
  readonly status: 'recorded' | 'flagged';
  readonly flag?: 'amount_mismatch' | 'bill_not_found' | 'bill_not_due';
  readonly receiptNumber?: string;
  /** The application's short reference, printed on the receipt. */
  readonly applicationReference?: string;
  readonly recordedAt: string;
}

export interface PaymentStore {
  get(transactionId: string): Promise<PaymentRecord | undefined>;
  /** Stores it unless that transaction is known; false if it was. */
  putIfAbsent(record: PaymentRecord): Promise<boolean>;
  /** The next receipt number of an agency's year: 1, 2, 3... */
  nextReceipt(agencyId: string, year: string): Promise<number>;
  /** The agency's payments of an Amman date (by the provider's payment time). */
  listByAgencyDate(agencyId: string, date: string): Promise<PaymentRecord[]>;
  /** Stores the refund unless one with its id is known (then the known one is kept); returns the stored one. */
  putRefund(record: RefundRecord): Promise<RefundRecord>;
  /** The agency's refunds of an Amman date. */
  listRefundsByAgencyDate(agencyId: string, date: string): Promise<RefundRecord[]>;
}

export interface PaymentDeps {
  readonly payments: PaymentStore;
  readonly provider: BillProvider;
  readonly applications: {
    get(applicationId: string): Promise<StoredApplication | undefined>;
    /** Read-modify-write with events; `change` returns undefined to leave it alone. */
    update(applicationId: string, change: (current: StoredApplication) => { next: StoredApplication; events: DomainEvent[] } | undefined): Promise<void>;
    /** Opens the steps that waited for the payment. */
    releaseAwaitingPayment(applicationId: string): Promise<unknown>;
  };
  readonly secret: () => Promise<string>;
  readonly now: () => Date;
}

/** How long a signed notification stays acceptable: older ones are replays. */
export const NOTIFICATION_TOLERANCE_SECONDS = 300;

const agencyOf = (application: StoredApplication) => application.stages.at(-1)!.steps.at(-1)!.agencyId;

export function signNotification(secret: string, body: unknown, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${canonicalJson(body)}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** The `x-payment-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.canonical body">` check. */
export function verifySignature(secret: string, body: unknown, header: string | undefined, now: Date): void {
  const parts = Object.fromEntries((header ?? '').split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!parts.v1 || !Number.isInteger(timestamp)) {
    throw new HttpError(401, 'invalid_signature', 'The notification carries no valid x-payment-signature header');
  }
  const expected = Buffer.from(signNotification(secret, body, timestamp).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(401, 'invalid_signature', 'The notification signature does not match its content');
  }
  if (Math.abs(now.getTime() / 1000 - timestamp) > NOTIFICATION_TOLERANCE_SECONDS) {
    throw new HttpError(401, 'stale_notification', `The notification was signed more than ${NOTIFICATION_TOLERANCE_SECONDS} s ago: a replay`, { signedAt: new Date(timestamp * 1000).toISOString() });
  }
}

/** On submission: a fee due before issue is posted to the provider as a bill (idempotent at the provider: by bill number). */
export async function postBill(deps: Pick<PaymentDeps, 'applications' | 'provider'>, applicationId: string): Promise<void> {
  const application = await deps.applications.get(applicationId);
  if (application?.payment?.status !== 'due') {
    return;
  }
  await deps.provider.postBill({
    billNumber: application.payment.billNumber,
    amountFils: application.payment.amountFils,
    billerId: agencyOf(application),
    description: `${application.serviceName.en} (${application.applicationId})`,
  });
}

/**
 * POST /v1/payments/notifications (the provider's call, signature checked first).
 * 1. A known transaction is answered as recorded, once. 2. A wrong amount, an unknown or already settled bill is
 * refused and flagged for reconciliation. 3. Otherwise: a receipt number of the agency's year, the payment
 * recorded, the bill paid on the application, the steps waiting for it opened.
 */
export async function recordPayment(deps: PaymentDeps, notification: PaymentNotification): Promise<{ status: 'recorded' | 'duplicate'; receiptNumber: string }> {
  const known = await deps.payments.get(notification.transactionId);
  if (known) {
    return duplicateOf(deps, known);
  }
  const application = await deps.applications.get(notification.billNumber);
  const recordedAt = deps.now().toISOString();
  const flag = async (reason: NonNullable<PaymentRecord['flag']>, agencyId: string) => {
    await deps.payments.putIfAbsent({ ...notification, applicationId: notification.billNumber, agencyId, status: 'flagged', flag: reason, recordedAt });
  };
  if (!application?.payment) {
    await flag('bill_not_found', 'unknown');
    throw new NotFound('bill_not_found', `No bill ${notification.billNumber}`);
  }
  const agencyId = agencyOf(application);
  if (notification.amountFils !== application.payment.amountFils) {
    await flag('amount_mismatch', agencyId);
    throw new HttpError(422, 'amount_mismatch', `Bill ${notification.billNumber} is for ${application.payment.amountFils} fils, not ${notification.amountFils}`, {
      amountDueFils: application.payment.amountFils,
      amountPaidFils: notification.amountFils,
    });
  }
  if (application.payment.status !== 'due' || application.status === 'cancelled' || application.status === 'rejected') {
    await flag('bill_not_due', agencyId);
    throw new Conflict('bill_not_due', `Bill ${notification.billNumber} is not due (${application.payment.status}, application ${application.status})`, { status: application.payment.status });
  }
  const year = ammanDate(new Date(notification.paidAt)).slice(0, 4);
  const receiptNumber = `${agencyId.toUpperCase()}-${year}-${String(await deps.payments.nextReceipt(agencyId, year)).padStart(6, '0')}`;
  const record: PaymentRecord = {
    ...notification,
    applicationId: application.applicationId,
    ...(application.reference ? { applicationReference: application.reference } : {}),
    agencyId,
    status: 'recorded',
    receiptNumber,
    recordedAt,
  };
  if (!(await deps.payments.putIfAbsent(record))) {
    return duplicateOf(deps, (await deps.payments.get(notification.transactionId))!);
  }
  await settle(deps, record);
  return { status: 'recorded', receiptNumber };
}

async function duplicateOf(deps: PaymentDeps, known: PaymentRecord) {
  if (known.status !== 'recorded') {
    throw new Conflict('bill_not_due', `Transaction ${known.transactionId} was refused before (${known.flag})`, { flag: known.flag });
  }
  // A crash after recording may have left the application unpaid: finish it now (once).
  await settle(deps, known);
  return { status: 'duplicate' as const, receiptNumber: known.receiptNumber! };
}

async function settle(deps: PaymentDeps, record: PaymentRecord): Promise<void> {
  await deps.applications.update(record.applicationId, (current) => {
    if (current.payment?.status !== 'due') {
      return undefined;
    }
    return {
      next: { ...current, payment: { ...current.payment, status: 'paid', transactionId: record.transactionId, receiptNumber: record.receiptNumber!, paidAt: record.paidAt } },
      events: [
        {
          type: 'PaymentReceived',
          eventId: ulid(),
          applicationId: record.applicationId,
          at: deps.now().toISOString(),
          by: { role: 'system' },
          billNumber: record.billNumber,
          amountFils: record.amountFils,
          receiptNumber: record.receiptNumber!,
          transactionId: record.transactionId,
        },
      ],
    };
  });
  await deps.applications.releaseAwaitingPayment(record.applicationId);
}

/**
 * On a rejection or cancellation: a paid fee is refunded through the provider, once (one refund id per payment),
 * recorded for the agency's reconciliation (its first time kept on a retry), then shown on the application.
 */
export async function refundPayment(deps: PaymentDeps, applicationId: string): Promise<boolean> {
  const application = await deps.applications.get(applicationId);
  const payment = application?.payment;
  if (!application || payment?.status !== 'paid' || (application.status !== 'rejected' && application.status !== 'cancelled')) {
    return false;
  }
  const refund: Refund = { refundId: `RF-${payment.transactionId!}`, transactionId: payment.transactionId!, billNumber: payment.billNumber, amountFils: payment.amountFils };
  await deps.provider.refund(refund);
  const { refundedAt: at } = await deps.payments.putRefund({
    ...refund,
    refundedAt: deps.now().toISOString(),
    applicationId,
    agencyId: agencyOf(application),
    receiptNumber: payment.receiptNumber!,
  });
  await deps.applications.update(applicationId, (current) =>
    current.payment?.status !== 'paid'
      ? undefined
      : {
          next: { ...current, payment: { ...current.payment, status: 'refunded', refundedAt: at } },
          events: [{ type: 'PaymentRefunded', eventId: ulid(), applicationId, at, by: { role: 'system' }, billNumber: payment.billNumber, amountFils: payment.amountFils, receiptNumber: payment.receiptNumber! }],
        },
  );
  return true;
}
