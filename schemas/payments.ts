// Payments by bill presentment: the provider's signed notification, its acknowledgement, the daily reconciliation.
import * as z from 'zod/mini';
import { isRealDate } from '../functions/shared/dates';
import { AgencyId } from './services';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

export const PaymentNotificationBody = schema(() => z
  .strictObject({
    transactionId: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'must be a transaction id')),
    billNumber: z.string().check(z.minLength(1), z.maxLength(64)),
    /** Integer fils: 1 JOD = 1000 fils. */
    amountFils: z.int().check(z.minimum(1), z.maximum(1_000_000_000)),
    paidAt: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'must be a UTC date-time')),
  })
  .register(z.globalRegistry, {
    id: 'PaymentNotificationBody',
    description: 'A payment notification from the bill-presentment provider, signed in the x-payment-signature header',
  }));

export const PaymentAcknowledgement = schema(() => z
  .strictObject({ status: z.enum(['recorded', 'duplicate']), receiptNumber: z.string() })
  .register(z.globalRegistry, { id: 'PaymentAcknowledgement' }));

export const ReconciliationQuery = schema(() => z.strictObject({
  agency: AgencyId,
  date: z.string().check(z.refine(isRealDate, 'must be a real date YYYY-MM-DD')),
}));

const Totals = schema(() => z.strictObject({
  payments: z.int(),
  totalFils: z.int(),
  /** Fees paid back that day (rejected or cancelled applications). */
  refunds: z.strictObject({ count: z.int(), totalFils: z.int() }),
}));
export const Reconciliation = schema(() => z
  .strictObject({
    agencyId: z.string(),
    date: z.string(),
    platform: Totals,
    provider: Totals,
    matched: z.int(),
    matchedRefunds: z.int(),
    mismatches: z.array(
      z.strictObject({
        kind: z.enum([
          'missing_in_platform',
          'missing_at_provider',
          'amount_differs',
          'refused_notification',
          'refund_missing_in_platform',
          'refund_missing_at_provider',
          'refund_amount_differs',
        ]),
        /** Refund mismatches: the refund's id. */
        refundId: z.optional(z.string()),
        transactionId: z.string(),
        billNumber: z.string(),
        platformAmountFils: z.optional(z.int()),
        providerAmountFils: z.optional(z.int()),
        flag: z.optional(z.string()),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'Reconciliation', description: "An agency's payments and refunds of one day matched with the provider's settlement" }));
