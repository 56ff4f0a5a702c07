// The daily reconciliation of an agency's fees: what the platform recorded (payments and refunds) matched with
// what the provider settled that Amman date; every difference is listed for the agency's finance officers.
import type { Principal } from '../../shared/identity';
import { Forbidden } from '../../shared/errors';
import type { PaymentDeps, RefundRecord, SettledRefund } from './payments';

export type Mismatch =
  | { readonly kind: 'missing_in_platform'; readonly transactionId: string; readonly billNumber: string; readonly providerAmountFils: number }
  | { readonly kind: 'missing_at_provider'; readonly transactionId: string; readonly billNumber: string; readonly platformAmountFils: number }
  | { readonly kind: 'amount_differs'; readonly transactionId: string; readonly billNumber: string; readonly platformAmountFils: number; readonly providerAmountFils: number }
  | { readonly kind: 'refused_notification'; readonly transactionId: string; readonly billNumber: string; readonly providerAmountFils: number; readonly flag: string }
  | { readonly kind: 'refund_missing_in_platform'; readonly refundId: string; readonly transactionId: string; readonly billNumber: string; readonly providerAmountFils: number }
  | { readonly kind: 'refund_missing_at_provider'; readonly refundId: string; readonly transactionId: string; readonly billNumber: string; readonly platformAmountFils: number }
  | { readonly kind: 'refund_amount_differs'; readonly refundId: string; readonly transactionId: string; readonly billNumber: string; readonly platformAmountFils: number; readonly providerAmountFils: number };

const total = (items: ReadonlyArray<{ amountFils: number }>) => ({ count: items.length, totalFils: items.reduce((sum, item) => sum + item.amountFils, 0) });

/**
 * GET /v1/payments/reconciliation: an agency's payments and refunds of one Amman date matched with the provider's
 * settlement. Operators and auditors see every agency; officers their own.
 */
export async function reconcile(deps: Pick<PaymentDeps, 'payments' | 'provider'>, principal: Principal, agencyId: string, date: string) {
  if (principal.role === 'officer' ? principal.agencyId !== agencyId : principal.role !== 'operator' && principal.role !== 'auditor') {
    throw new Forbidden(`Only ${agencyId}'s officers, operators and auditors see its reconciliation`, { reason: 'not_your_agency' });
  }
  const [ours, ourRefunds, settled] = await Promise.all([
    deps.payments.listByAgencyDate(agencyId, date),
    deps.payments.listRefundsByAgencyDate(agencyId, date),
    deps.provider.settlement(agencyId, date),
  ]);
  const byTransaction = new Map(ours.map((record) => [record.transactionId, record]));
  const settledIds = new Set(settled.payments.map((payment) => payment.transactionId));
  const mismatches: Mismatch[] = [];
  let matched = 0;
  for (const payment of settled.payments) {
    const record = byTransaction.get(payment.transactionId);
    if (!record) {
      mismatches.push({ kind: 'missing_in_platform', transactionId: payment.transactionId, billNumber: payment.billNumber, providerAmountFils: payment.amountFils });
    } else if (record.status === 'flagged') {
      mismatches.push({ kind: 'refused_notification', transactionId: payment.transactionId, billNumber: payment.billNumber, providerAmountFils: payment.amountFils, flag: record.flag! });
    } else if (record.amountFils !== payment.amountFils) {
      mismatches.push({ kind: 'amount_differs', transactionId: payment.transactionId, billNumber: payment.billNumber, platformAmountFils: record.amountFils, providerAmountFils: payment.amountFils });
    } else {
      matched++;
    }
  }
  for (const record of ours.filter((entry) => entry.status === 'recorded' && !settledIds.has(entry.transactionId))) {
    mismatches.push({ kind: 'missing_at_provider', transactionId: record.transactionId, billNumber: record.billNumber, platformAmountFils: record.amountFils });
  }
  const refunds = matchRefunds(ourRefunds, settled.refunds);
  const recorded = ours.filter((record) => record.status === 'recorded');
  return {
    agencyId,
    date,
    platform: { payments: recorded.length, totalFils: total(recorded).totalFils, refunds: total(ourRefunds) },
    provider: { payments: settled.payments.length, totalFils: total(settled.payments).totalFils, refunds: total(settled.refunds) },
    matched,
    matchedRefunds: refunds.matched,
    mismatches: [...mismatches, ...refunds.mismatches],
  };
}

function matchRefunds(ours: readonly RefundRecord[], theirs: readonly SettledRefund[]): { matched: number; mismatches: Mismatch[] } {
  const byId = new Map(ours.map((refund) => [refund.refundId, refund]));
  const theirIds = new Set(theirs.map((refund) => refund.refundId));
  const mismatches: Mismatch[] = [];
  let matched = 0;
  for (const refund of theirs) {
    const record = byId.get(refund.refundId);
    if (!record) {
      mismatches.push({ kind: 'refund_missing_in_platform', refundId: refund.refundId, transactionId: refund.transactionId, billNumber: refund.billNumber, providerAmountFils: refund.amountFils });
    } else if (record.amountFils !== refund.amountFils) {
      mismatches.push({ kind: 'refund_amount_differs', refundId: refund.refundId, transactionId: refund.transactionId, billNumber: refund.billNumber, platformAmountFils: record.amountFils, providerAmountFils: refund.amountFils });
    } else {
      matched++;
    }
  }
  for (const record of ours.filter((refund) => !theirIds.has(refund.refundId))) {
    mismatches.push({ kind: 'refund_missing_at_provider', refundId: record.refundId, transactionId: record.transactionId, billNumber: record.billNumber, platformAmountFils: record.amountFils });
  }
  return { matched, mismatches };
}
