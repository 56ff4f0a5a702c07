// Pay before issue on the local cloud, through the bill-presentment simulator as a citizen would: the bill is
// posted on submission, the issuing step waits for the payment, signed notifications are checked (tampered,
// replayed, wrong amount, the same transaction twice), receipts are numbered per agency and year, a paid fee is
// refunded on rejection or cancellation, and the day's reconciliation lists the mismatches.
import { randomUUID } from 'node:crypto';
import { ammanDate } from '../../functions/shared/amman-time';
import { api, tokenFor } from '../support/api';
import { type Citizen, cancel, decide, freshCitizen, openTask, waitForStatus } from '../support/engagement';
import { until } from '../support/wait';
import { payBill, paymentProvider } from '../support/journey';

const EXTRACT = { serviceId: 'civil-status-extract', answers: { extractType: 'individual' }, channel: 'portal' } as const;
const AMOUNT_FILS = 1000;

const provider = paymentProvider;
const pay = payBill;

const notify = (notification: { headers: Record<string, string>; body: object }) =>
  api('/v1/payments/notifications', { method: 'POST', headers: notification.headers, body: notification.body });

async function submitExtract(citizen: Citizen): Promise<string> {
  const response = await api('/v1/applications', { method: 'POST', token: citizen.token, body: EXTRACT, headers: { 'idempotency-key': randomUUID() } });
  expect(response.status).toBe(201);
  return response.body.applicationId;
}

const application = async (citizen: Citizen, applicationId: string) => (await api(`/v1/applications/${applicationId}`, { token: citizen.token })).body;

let citizen: Citizen;
beforeAll(async () => {
  citizen = await freshCitizen();
}, 60_000);

describe('a fee due before issue', () => {
  let applicationId: string;
  const transactions: Record<string, string> = {};

  it('is billed on submission, in fils, and the issuing step waits for it: no document without payment', async () => {
    applicationId = await submitExtract(citizen);
    const submitted = await application(citizen, applicationId);
    expect(submitted.payment).toEqual({ billNumber: applicationId, amountFils: AMOUNT_FILS, status: 'due', due: 'before-issue' });
    await waitForStatus(citizen.token, applicationId, 'awaiting-payment');
    const bill = await until('the bill at the provider', async () => {
      const found = await provider(`/bills/${applicationId}`);
      return found.status === 200 && found.body;
    });
    expect(bill).toMatchObject({ billNumber: applicationId, amountFils: AMOUNT_FILS, billerId: 'cspd', paid: false });
    const held = await api(`/v1/tasks/${applicationId}.generate-extract/decision`, { method: 'POST', token: await tokenFor('officer-cspd'), body: { decision: 'approve' } });
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe('awaiting_payment');
    const wallet = await api('/v1/me/documents', { token: citizen.token });
    expect(wallet.body.items.map((item: { applicationId: string }) => item.applicationId)).not.toContain(applicationId);
  });

  it('refuses a wrong amount and flags it', async () => {
    const paid = await pay(applicationId, { amountFils: 500 });
    transactions.wrongAmount = paid.transaction.transactionId;
    expect(paid.platform.status).toBe(422);
    expect(paid.platform.body.error).toMatchObject({ code: 'amount_mismatch', details: { amountDueFils: AMOUNT_FILS, amountPaidFils: 500 } });
    expect((await application(citizen, applicationId)).payment.status).toBe('due');
  });

  it('refuses a tampered, a badly signed and a replayed (stale) notification', async () => {
    const unsent = await pay(applicationId, { notify: false });
    transactions.tampered = unsent.transaction.transactionId;
    const tampered = await notify({ headers: unsent.notification.headers, body: { ...unsent.notification.body, amountFils: AMOUNT_FILS + 1 } });
    expect(tampered.status).toBe(401);
    expect(tampered.body.error.code).toBe('invalid_signature');
    const unsigned = await notify({ headers: { 'content-type': 'application/json' }, body: unsent.notification.body });
    expect(unsigned.body.error.code).toBe('invalid_signature');
    const old = await pay(applicationId, { notify: false, signedSecondsAgo: 600 });
    transactions.stale = old.transaction.transactionId;
    const replayed = await notify(old.notification);
    expect(replayed.status).toBe(401);
    expect(replayed.body.error.code).toBe('stale_notification');
    expect((await application(citizen, applicationId)).payment.status).toBe('due');
  });

  it('records a payment once, with a receipt, opens the issuing step, and the document follows approval', async () => {
    const paid = await pay(applicationId);
    transactions.paid = paid.transaction.transactionId;
    expect(paid.platform.status).toBe(200);
    expect(paid.platform.body).toEqual({ status: 'recorded', receiptNumber: expect.stringMatching(new RegExp(`^CSPD-${ammanDate(new Date()).slice(0, 4)}-\\d{6}$`)) });
    const again = await notify(paid.notification);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ status: 'duplicate', receiptNumber: paid.platform.body.receiptNumber });

    const shown = await application(citizen, applicationId);
    expect(shown.payment).toMatchObject({ status: 'paid', transactionId: transactions.paid, receiptNumber: paid.platform.body.receiptNumber, amountFils: AMOUNT_FILS });
    expect(shown.timeline.filter((entry: { type: string }) => entry.type === 'PaymentReceived')).toHaveLength(1);

    await decide('cspd', await openTask('cspd', applicationId, 'generate-extract'), 'approve');
    await waitForStatus(citizen.token, applicationId, 'approved');
    const document = await until('the extract in the wallet', async () =>
      (await api('/v1/me/documents', { token: citizen.token })).body.items.find((item: { applicationId: string }) => item.applicationId === applicationId),
    );
    expect(document).toMatchObject({ type: 'extract', fields: { extractType: 'individual' }, status: 'valid' });
  });

  it("reconciles the agency's day with the provider's settlement and lists the mismatches", async () => {
    const date = ammanDate(new Date());
    const query = `/v1/payments/reconciliation?agency=cspd&date=${date}`;
    expect((await api(query, { token: await tokenFor('officer-gam') })).status).toBe(403);
    expect((await api(query, { token: citizen.token })).status).toBe(403);
    const report = await api(query, { token: await tokenFor('operator') });
    expect(report.status).toBe(200);
    const mismatchOf = (transactionId: string) => report.body.mismatches.find((mismatch: { transactionId: string }) => mismatch.transactionId === transactionId);
    expect(mismatchOf(transactions.wrongAmount!)).toMatchObject({ kind: 'refused_notification', flag: 'amount_mismatch', providerAmountFils: 500 });
    expect(mismatchOf(transactions.tampered!)).toMatchObject({ kind: 'missing_in_platform', providerAmountFils: AMOUNT_FILS });
    expect(mismatchOf(transactions.stale!)).toMatchObject({ kind: 'missing_in_platform' });
    expect(mismatchOf(transactions.paid!)).toBeUndefined();
    expect(report.body.matched).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(report.body.platform.totalFils) && Number.isInteger(report.body.provider.totalFils)).toBe(true);
    expect((await api(`/v1/payments/reconciliation?agency=cspd&date=${date}`, { token: await tokenFor('officer-cspd') })).status).toBe(200);
    expect((await api('/v1/payments/reconciliation?agency=cspd&date=yesterday', { token: await tokenFor('operator') })).status).toBe(400);
    expect((await api('/v1/payments/reconciliation?agency=cspd&date=2026-13-45', { token: await tokenFor('operator') })).body.error.code).toBe('validation_failed');
  });
});

describe('a paid fee', () => {
  async function paidApplication(): Promise<{ applicationId: string; receiptNumber: string }> {
    const applicationId = await submitExtract(citizen);
    await waitForStatus(citizen.token, applicationId, 'awaiting-payment');
    const paid = await pay(applicationId);
    expect(paid.platform.status).toBe(200);
    return { applicationId, receiptNumber: paid.platform.body.receiptNumber };
  }

  let rejectedId = '';
  it('is refunded when the application is rejected after payment', async () => {
    const { applicationId, receiptNumber } = await paidApplication();
    rejectedId = applicationId;
    await decide('cspd', await openTask('cspd', applicationId, 'generate-extract'), 'reject', 'The family book number does not match the register');
    await waitForStatus(citizen.token, applicationId, 'rejected');
    const refunded = await until('the refund', async () => {
      const shown = await application(citizen, applicationId);
      return shown.payment.status === 'refunded' && shown;
    });
    expect(refunded.payment).toMatchObject({ receiptNumber, refundedAt: expect.any(String) });
    expect(refunded.timeline.filter((entry: { type: string }) => entry.type === 'PaymentRefunded')).toHaveLength(1);
  });

  it('is refunded when the applicant cancels after payment, and receipts count up per agency and year', async () => {
    const first = await paidApplication();
    const second = await paidApplication();
    expect(Number(second.receiptNumber.slice(-6))).toBeGreaterThan(Number(first.receiptNumber.slice(-6)));
    await cancel(citizen.token, second.applicationId);
    await until('the refund', async () => (await application(citizen, second.applicationId)).payment.status === 'refunded');
  });

  it("is matched with the provider's refunds in the day's reconciliation, and a refund the platform never made is listed", async () => {
    const refunded = await application(citizen, rejectedId);
    const refundId = `RF-${refunded.payment.transactionId}`;
    // A refund paid out at the provider that the platform knows nothing of (a clerk's manual refund, say).
    const stray = await pay((await paidApplication()).applicationId, { notify: false });
    const strayRefund = { refundId: `MANUAL-${randomUUID()}`, transactionId: stray.transaction.transactionId, billNumber: stray.transaction.billNumber, amountFils: AMOUNT_FILS };
    expect((await provider('/refunds', strayRefund)).status).toBe(200);

    // The refund's Amman date: the day it was paid out (a test run across midnight reads the right day).
    const date = ammanDate(new Date(refunded.payment.refundedAt));
    const report = await api(`/v1/payments/reconciliation?agency=cspd&date=${date}`, { token: await tokenFor('auditor') });
    expect(report.status).toBe(200);
    const refundMismatches = report.body.mismatches.filter((mismatch: { kind: string }) => mismatch.kind.startsWith('refund_'));
    expect(refundMismatches.map((mismatch: { refundId: string }) => mismatch.refundId)).not.toContain(refundId);
    expect(report.body.matchedRefunds).toBeGreaterThanOrEqual(1);
    expect(report.body.platform.refunds.totalFils).toBe(report.body.platform.refunds.count * AMOUNT_FILS);
    // Its day: the Amman date now (read after the refund; a run across midnight looks at the next day too).
    const strayFound = await until('the stray refund in the reconciliation', async () => {
      for (const day of [ammanDate(new Date(Date.now() - 60_000)), ammanDate(new Date())]) {
        const again = await api(`/v1/payments/reconciliation?agency=cspd&date=${day}`, { token: await tokenFor('auditor') });
        const found = again.body.mismatches.find((mismatch: { refundId?: string }) => mismatch.refundId === strayRefund.refundId);
        if (found) {
          return found;
        }
      }
      return undefined;
    });
    expect(strayFound).toEqual({ kind: 'refund_missing_in_platform', refundId: strayRefund.refundId, transactionId: strayRefund.transactionId, billNumber: strayRefund.billNumber, providerAmountFils: AMOUNT_FILS });
  });
});

describe('a fee due at submission', () => {
  const CERTIFICATE = { serviceId: 'non-conviction-certificate', answers: { purpose: 'employment', language: 'en' }, channel: 'portal' } as const;

  it('holds the first step until it is paid, then the workflow runs through to the certificate without asking again', async () => {
    const response = await api('/v1/applications', { method: 'POST', token: citizen.token, body: CERTIFICATE, headers: { 'idempotency-key': randomUUID() } });
    expect(response.status).toBe(201);
    const applicationId = response.body.applicationId as string;
    expect(response.body.payment).toEqual({ billNumber: applicationId, amountFils: 1000, status: 'due', due: 'at-submission' });
    await waitForStatus(citizen.token, applicationId, 'awaiting-payment');
    const held = await api(`/v1/tasks/${applicationId}.record-check/decision`, { method: 'POST', token: await tokenFor('officer-moj'), body: { decision: 'approve' } });
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe('awaiting_payment');

    await until('the bill at the provider', async () => (await provider(`/bills/${applicationId}`)).status === 200);
    const paid = await pay(applicationId);
    expect(paid.platform.status).toBe(200);
    expect(paid.platform.body.receiptNumber).toMatch(/^MOJ-\d{4}-\d{6}$/);
    await decide('moj', await openTask('moj', applicationId, 'record-check'), 'approve');
    await decide('moj', await openTask('moj', applicationId, 'issue-non-conviction'), 'approve');
    await waitForStatus(citizen.token, applicationId, 'approved');
    const shown = await application(citizen, applicationId);
    expect(shown.payment).toMatchObject({ status: 'paid', due: 'at-submission' });
    expect(shown.timeline.filter((entry: { type: string }) => entry.type === 'PaymentReceived')).toHaveLength(1);
  });
});
