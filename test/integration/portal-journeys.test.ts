// The portal's remaining journeys in a real browser (one Chromium for the file, test/support/browser.ts): a citizen
// pays a fee at the provider's pay page and comes back to the receipt; a citizen uploads a photo for a `file`
// field (an infected file refused first) and submits with it. axe-core checks each page; screenshots in
// .local/screenshots/.
import { api, tokenFor } from '../support/api';
import { portalUrl, reloadUntil, signIn, useBrowser } from '../support/browser';
import { paymentProvider } from '../support/journey';
import { EICAR, PNG } from '../support/uploads';
import { until } from '../support/wait';

jest.setTimeout(120_000);

const { newPage, check } = useBrowser();

describe('a fee', () => {
  it('is paid online from the application in Arabic, and the receipt shown in both languages', async () => {
    const token = await tokenFor('citizen');
    const applied = await api('/v1/applications', {
      method: 'POST',
      token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { serviceId: 'civil-status-extract', channel: 'portal', answers: { extractType: 'individual' } },
    });
    expect(applied.status).toBe(201);
    const applicationId: string = applied.body.applicationId;
    const billNumber: string = await until('the bill on the application', async () => (await api(`/v1/applications/${applicationId}`, { token })).body.payment?.billNumber);
    // The platform posts the bill to the provider a moment after submission: the pay page shows it from then on.
    await until(`bill ${billNumber} at the provider`, async () => (await paymentProvider(`/bills/${billNumber}`)).status === 200);

    const page = await newPage('ar');
    await signIn(page, 'citizen', 'ar');
    await page.goto(`${portalUrl()}/#/applications/${applicationId}`);
    const due = page.getByRole('region', { name: 'الرسوم المستحقة' });
    await due.getByText(billNumber).waitFor();
    await due.getByRole('definition').filter({ hasText: '١٫٠٠٠ د.أ' }).waitFor();
    await check(page, 'payment-due-ar');

    await due.getByRole('link', { name: /^ادفع .* إلكترونياً$/ }).click();
    // The provider's page (another origin), then back to the portal.
    await page.getByRole('heading', { level: 1, name: 'دفع فاتورة · Pay a bill' }).waitFor();
    await page.getByRole('button', { name: /Pay 1\.000 JOD/ }).click();
    await page.waitForURL(`${portalUrl()}/#/applications/${applicationId}?paid=1`);
    await reloadUntil(page, 'رقم الإيصال');
    const stored = (await api(`/v1/applications/${applicationId}`, { token })).body.payment;
    expect(stored).toMatchObject({ status: 'paid', billNumber, amountFils: 1000, receiptNumber: expect.stringMatching(/^CSPD-\d{4}-\d{6}$/) });
    const receipt = page.getByRole('region', { name: 'إيصال الدفع' });
    await receipt.getByRole('definition').filter({ hasText: stored.receiptNumber }).waitFor();
    await receipt.getByRole('definition').filter({ hasText: stored.transactionId }).waitFor();
    await check(page, 'payment-receipt-ar');

    await page.getByRole('button', { name: 'Switch to English' }).click();
    const inEnglish = page.getByRole('region', { name: 'Payment receipt' });
    await inEnglish.getByRole('definition').filter({ hasText: '1.000 JOD' }).waitFor();
    await inEnglish.getByRole('button', { name: 'Print receipt' }).waitFor();
    await check(page, 'payment-receipt-en');
  });
});

describe('an upload', () => {
  it('answers a file field in English: an infected file is refused, a clean photo is uploaded and submitted', async () => {
    const page = await newPage('en');
    await signIn(page, 'citizen', 'en');
    await page.goto(`${portalUrl()}/#/apply/passport-renewal`);
    await page.getByRole('heading', { level: 1, name: 'Application: Jordanian passport renewal' }).waitFor();
    const photo = page.getByLabel('Personal photo (required)');
    const status = page.locator('#field-photo ~ [role=status]');
    await status.getByText('Accepted: JPEG, PNG').waitFor();

    await photo.setInputFiles({ name: 'eicar.png', mimeType: 'image/png', buffer: Buffer.from(EICAR) });
    await status.getByText('The scan found malware in the file').waitFor();
    expect(await photo.getAttribute('aria-invalid')).toBe('true');
    await photo.setInputFiles({ name: 'notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
    await status.getByText('This type of file is not accepted for this document.').waitFor();

    await photo.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await status.getByText('File uploaded and scanned: clean.').waitFor();
    await page.getByLabel('Current passport number (required)').fill('N1234567');
    await page.getByLabel('Delivery method (required)').selectOption('post');
    await check(page, 'apply-upload-en');
    await page.getByRole('button', { name: 'Submit application' }).click();
    await page.getByText(/Your application was submitted/).waitFor();
    const applicationId = page.url().split('#/applications/')[1]!.split('?')[0]!;

    const stored = (await api(`/v1/applications/${applicationId}`, { token: await tokenFor('citizen') })).body;
    expect(stored.answers).toMatchObject({ passportNumber: 'N1234567', delivery: 'post', photo: expect.stringMatching(/^doc:[0-9A-Z]{26}$/) });
    const uploaded = await api(`/v1/uploads/${stored.answers.photo.slice(4)}`, { token: await tokenFor('citizen') });
    expect(uploaded.body).toMatchObject({ status: 'clean', serviceId: 'passport-renewal', documentId: 'personal-photo', contentType: 'image/png', sizeBytes: PNG.length });
  });
});
