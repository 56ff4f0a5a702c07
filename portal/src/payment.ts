// An application's fee: the bill to pay (online at the provider's pay page, which sends the citizen back here, or at
// any bank or wallet with the bill number), then the receipt the platform numbered when the provider notified it.
import { portalConfig } from './api';
import { h } from './dom';
import { date, lang, number, t } from './i18n';
import { type Json, notice } from './ui';

const jod = (fils: number) => `${number(fils / 1000, { minimumFractionDigits: 3, maximumFractionDigits: 3 })} ${lang() === 'ar' ? 'د.أ' : 'JOD'}`;

/** The bill and how to pay it while due; the receipt once paid (and its refund). Nothing for a free service. */
export async function paymentSection(app: Json, citizen: boolean, params: URLSearchParams): Promise<HTMLElement | undefined> {
  const payment = app.payment as Json | undefined;
  if (!payment) return undefined;
  const facts = (...pairs: Array<[string, string | undefined]>) =>
    h('dl', { class: 'facts' }, ...pairs.filter(([, value]) => value).flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value!)]));
  if (payment.status === 'due') {
    const { paymentPageUrl } = await portalConfig();
    const back = `${location.origin}/#/applications/${app.applicationId}?paid=1`;
    return h('section', { class: 'panel', 'aria-labelledby': 'payment-title' },
      h('h2', { id: 'payment-title' }, t('paymentDue')),
      params.has('paid') && notice(t('paymentConfirming')),
      facts([t('billNumber'), payment.billNumber], [t('amountDue'), jod(payment.amountFils)]),
      h('p', {}, payment.due === 'at-submission' ? t('payAtSubmission') : t('payBeforeIssue')),
      citizen && paymentPageUrl
        ? h('p', {}, h('a', { class: 'button', href: `${paymentPageUrl}/${encodeURIComponent(payment.billNumber)}?return=${encodeURIComponent(back)}` }, t('payNow', { amount: jod(payment.amountFils) })))
        : h('p', {}, t('payAtBank', { bill: payment.billNumber })),
    );
  }
  return h('section', { class: 'panel receipt', 'aria-labelledby': 'receipt-title' },
    h('h2', { id: 'receipt-title' }, t('receipt')),
    params.has('paid') && notice(t('paymentDone')),
    facts(
      [t('receiptNumber'), payment.receiptNumber],
      [t('amountPaid'), jod(payment.amountFils)],
      [t('paidAt'), payment.paidAt && date(payment.paidAt, true)],
      [t('billNumber'), payment.billNumber],
      [t('transaction'), payment.transactionId],
      [t('refundedAt'), payment.refundedAt && date(payment.refundedAt, true)],
    ),
    h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, t('printReceipt')),
  );
}
