// The portal's remaining journeys in a real browser (one Chromium for the file, test/support/browser.ts): a citizen
// pays a fee at the provider's pay page and comes back to the receipt; a citizen uploads a photo for a `file`
// field (an infected file refused first) and submits with it; a new officer is led to enrol an authenticator app
// and a citizen sets one up, both then asked for its code at sign-in; an operator moves a service to another
// rollout phase, reads satisfaction, answers the e-Government Unit's complaints, reads KPIs and sets a target; a
// citizen turns on SMS codes in Arabic, is asked for the code sent by SMS, a wrong one refused, the right one signs in.
// axe-core checks each page; screenshots in .local/screenshots/.
import type { Page } from 'playwright-core';
import { totpCode } from '../../local/cognito/sign-in';
import { api, lastMessageTo, signInAs, tokenFor } from '../support/api';
import { type Lang, portalUrl, reloadUntil, signIn, signInLabels, submitSignIn, useBrowser } from '../support/browser';
import { createPerson, dateFromToday, newStaffWithoutMfa, signUpBody, signUpPerson } from '../support/fixtures';
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

/** Reads the key the enrolment page shows and answers with the current code, as an authenticator app would. */
async function enrolAuthenticator(page: Page, lang: Lang): Promise<string> {
  const labels = lang === 'ar' ? { start: 'إعداد تطبيق المصادقة', verify: 'تأكيد الرمز', done: 'فُعّل تطبيق المصادقة.' } : { start: 'Set up an authenticator app', verify: 'Verify code', done: 'The authenticator app is on.' };
  await page.getByRole('button', { name: labels.start }).click();
  const secret = (await page.locator('code.secret').textContent())!.replace(/\s/g, '');
  expect(await page.getByRole('link', { name: lang === 'ar' ? 'فتح في تطبيق المصادقة' : 'Open in the authenticator app' }).getAttribute('href')).toMatch(new RegExp(`^otpauth://totp/.*secret=${secret}`));
  await page.getByLabel(signInLabels.totp[lang]).fill(totpCode(secret) === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: labels.verify }).click();
  await page.getByRole('alert').getByText(lang === 'ar' ? 'الرمز غير صحيح' : 'The code is wrong').waitFor();
  await page.getByLabel(signInLabels.totp[lang]).fill(totpCode(secret));
  await page.getByRole('button', { name: labels.verify }).click();
  await page.getByText(labels.done).waitFor();
  return secret;
}

/** Signs out, then in again with the password and the authenticator's code. */
async function signInWithCode(page: Page, username: string, password: string, secret: string, lang: Lang): Promise<void> {
  await page.getByRole('button', { name: signInLabels.signOut[lang] }).click();
  await submitSignIn(page, username, password, lang);
  await page.getByLabel(signInLabels.totp[lang]).fill(totpCode(secret));
  await page.getByRole('button', { name: signInLabels.continue[lang] }).click();
  await page.getByRole('button', { name: signInLabels.signOut[lang] }).waitFor();
}

describe('an authenticator app', () => {
  it('is required of a new officer in English: the portal leads to enrolment, then sign-in asks for its code', async () => {
    const username = `portal.officer-${Date.now()}`;
    await newStaffWithoutMfa(username, { role: 'officer', agencyId: 'cspd' });
    const page = await newPage('en');
    await submitSignIn(page, username, 'Staff-Strong-2026!', 'en');
    await page.getByRole('heading', { level: 1, name: 'Authenticator app' }).waitFor();
    await page.getByText('Staff must set up an authenticator app before using the portal.').waitFor();
    await check(page, 'mfa-required-en');
    const secret = await enrolAuthenticator(page, 'en');
    await check(page, 'mfa-enabled-en');
    await page.getByRole('link', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: /Task inbox of Civil Status/ }).waitFor();

    await signInWithCode(page, username, 'Staff-Strong-2026!', secret, 'en');
    await page.getByRole('heading', { level: 1, name: /Task inbox of Civil Status/ }).waitFor();
  });

  it('is set up by a citizen in Arabic from the security page, and asked for at the next sign-in', async () => {
    const { username, code } = await signUpPerson(await createPerson());
    expect((await api('/v1/auth/confirm', { method: 'POST', body: { username, code } })).status).toBeLessThan(300);
    const password = signUpBody(username).password;
    const page = await newPage('ar');
    await submitSignIn(page, username, password, 'ar');
    await page.getByRole('navigation').getByRole('link', { name: 'الأمان' }).click();
    await page.getByRole('heading', { level: 1, name: 'تطبيق المصادقة' }).waitFor();
    await check(page, 'mfa-ar');
    const secret = await enrolAuthenticator(page, 'ar');
    await signInWithCode(page, username, password, secret, 'ar');
    await page.getByRole('heading', { level: 1, name: 'طلباتي' }).waitFor();
  });
});

describe('an SMS code', () => {
  it('is turned on by a citizen in Arabic, then asked for at sign-in: a wrong code is refused, the right one signs in', async () => {
    const nationalNumber = await createPerson();
    const { username, code: confirmation } = await signUpPerson(nationalNumber);
    expect((await api('/v1/auth/confirm', { method: 'POST', body: { username, code: confirmation } })).status).toBeLessThan(300);
    const { password, phone } = signUpBody(username);
    const page = await newPage('ar');
    await submitSignIn(page, username, password, 'ar');
    await page.getByRole('navigation').getByRole('link', { name: 'الأمان' }).click();
    // SMS MFA turned on from the security page (Cognito's SetUserMFAPreference, with the citizen's own token).
    const section = page.getByRole('region', { name: 'رمز برسالة نصية' });
    await section.getByText(phone).waitFor();
    await section.getByRole('button', { name: 'تفعيل الرمز بالرسائل النصية' }).click();
    await section.getByText('فُعّل الرمز بالرسائل النصية.').waitFor();
    await check(page, 'mfa-sms-ar');

    await page.getByRole('button', { name: signInLabels.signOut.ar }).click();
    const asked = new Date().toISOString();
    await submitSignIn(page, username, password, 'ar');
    const field = page.getByLabel(`الرمز المرسل برسالة نصية إلى ${phone}`);
    await field.waitFor();
    // The code the emulator sent by SMS for this sign-in (its outbox), not the sign-up's.
    const sms = await until('the sign-in code by SMS', async () => {
      const last = lastMessageTo(username) as { at: string; medium: string; destination: string; code?: string } | undefined;
      return last && last.at >= asked && last.medium === 'sms' ? last : undefined;
    });
    expect(sms).toMatchObject({ destination: phone, code: expect.stringMatching(/^\d{6}$/) });
    await check(page, 'sign-in-sms-ar');

    await field.fill(sms.code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: signInLabels.continue.ar }).click();
    await page.getByRole('alert').getByText('الرمز غير صحيح. أدخل الرمز الذي وصلك برسالة نصية.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: signInLabels.signOut.ar }).count()).toBe(0);
    // Still the same sign-in: no second code was sent.
    expect(lastMessageTo(username)?.code).toBe(sms.code);
    await check(page, 'sign-in-sms-wrong-ar');

    await field.fill(sms.code!);
    await page.getByRole('button', { name: signInLabels.continue.ar }).click();
    await page.getByRole('heading', { level: 1, name: 'طلباتي' }).waitFor();
    await page.getByRole('button', { name: signInLabels.signOut.ar }).waitFor();

    // Turned off again: the password alone signs in (signInAs fails on any challenge).
    await page.getByRole('navigation').getByRole('link', { name: 'الأمان' }).click();
    await section.getByRole('button', { name: 'إيقاف الرمز بالرسائل النصية' }).click();
    await section.getByText('أُوقف الرمز بالرسائل النصية.').waitFor();
    expect(await signInAs(username, password)).toMatch(/^ey/);

    // SMS codes and an authenticator app both on: sign-in asks for the app's code (Cognito's SELECT_MFA_TYPE answered).
    await section.getByRole('button', { name: 'تفعيل الرمز بالرسائل النصية' }).click();
    await section.getByText('فُعّل الرمز بالرسائل النصية.').waitFor();
    const secret = await enrolAuthenticator(page, 'ar');
    await signInWithCode(page, username, password, secret, 'ar');
    await page.getByRole('heading', { level: 1, name: 'طلباتي' }).waitFor();
  });
});

describe('an operator', () => {
  it('moves a service to another rollout phase, reads the satisfaction summary, and answers the e-Government Unit\'s complaints, in English', async () => {
    const token = await tokenFor('operator');
    const complaint = await api('/v1/complaints', { method: 'POST', token: await tokenFor('citizen2'), body: { category: 'digital-services', text: `The portal timed out while paying, ${Date.now()}.` } });
    expect(complaint.status).toBe(201);
    const page = await newPage('en');
    await signIn(page, 'operator', 'en');

    const { body: rollout } = await api('/v1/rollout', { token });
    const service = rollout.phases[5].services[0];
    try {
      await page.getByRole('navigation').getByRole('link', { name: 'Rollout' }).click();
      await page.getByRole('heading', { level: 2, name: /^Phase 6: opens/ }).waitFor();
      await check(page, 'rollout-en');
      await page.getByLabel('Services').selectOption(service.serviceId);
      await page.getByLabel('Phase').selectOption('5');
      await page.getByRole('button', { name: 'Move', exact: true }).click();
      await page.getByText(`"${service.name.en}" moved to phase 5.`).waitFor();
      expect((await api(`/v1/services/${service.serviceId}`, { token })).body).toMatchObject({ rolloutPhase: 5, version: service.version + 1 });
    } finally {
      // Back where it was: other test files read the reference rollout.
      const now = (await api(`/v1/services/${service.serviceId}`, { token })).body;
      if (now.rolloutPhase !== 6) {
        expect((await api(`/v1/rollout/services/${service.serviceId}`, { method: 'PUT', token, body: { phase: 6, expectedVersion: now.version } })).status).toBe(200);
      }
    }

    await page.getByRole('navigation').getByRole('link', { name: 'Satisfaction' }).click();
    await page.getByRole('heading', { level: 2, name: /^\d{4}-Q[1-4]$/ }).first().waitFor();
    await check(page, 'feedback-en');

    await page.getByRole('navigation').getByRole('link', { name: 'Complaints' }).click();
    await page.getByRole('heading', { level: 1, name: 'Complaints addressed to the e-Government Unit' }).waitFor();
    const link = page.locator(`a[href="#/complaints/${complaint.body.complaintId}"]`);
    await until('the complaint in the unit\'s queue', async () => {
      if ((await link.count()) > 0) return true;
      await page.reload();
      await page.locator('main:not([aria-busy])').waitFor();
      return false;
    });
    await check(page, 'unit-complaints-en');
    await link.click();
    await page.getByLabel('Response', { exact: true }).fill('Fixed: payments no longer time out.');
    await page.getByLabel('Status after the response').selectOption('resolved');
    await page.getByRole('button', { name: 'Send response' }).click();
    await page.getByText('The response was sent.').waitFor();
    expect((await api(`/v1/complaints/${complaint.body.complaintId}`, { token })).body).toMatchObject({ status: 'resolved', responses: [{ message: 'Fixed: payments no longer time out.' }] });
  });

  it('reads the KPIs of a service and sets a target for it, in Arabic', async () => {
    const page = await newPage('ar');
    await signIn(page, 'operator', 'ar');
    await page.getByRole('navigation').getByRole('link', { name: 'مؤشرات الأداء' }).click();
    await page.getByLabel('الخدمات').selectOption('death-registration');
    await page.getByRole('button', { name: 'عرض' }).click();
    await page.waitForURL(/service=death-registration/);
    await page.getByRole('row', { name: /الطلبات المقدّمة/ }).waitFor();
    await check(page, 'kpis-ar');
    const responsible = `مدير الخدمات الإلكترونية ${Date.now()}`;
    await page.getByLabel('المؤشر', { exact: true }).selectOption('satisfaction');
    await page.getByLabel('المستهدف', { exact: true }).fill('4.5');
    await page.getByLabel('المقارنة').selectOption('at-least');
    await page.getByLabel('بحلول').fill(dateFromToday(365));
    await page.getByLabel('المسؤول').fill(responsible);
    await page.getByRole('button', { name: 'حفظ المستهدف' }).click();
    await page.getByText('حُفظ المستهدف.').waitFor();
    await page.getByRole('row', { name: /رضا المتعاملين \(من 5\)/ }).waitFor();
    const { body } = await api('/v1/kpis?service=death-registration', { token: await tokenFor('operator') });
    expect(body.targets).toEqual(expect.arrayContaining([expect.objectContaining({ kpi: 'satisfaction', dimension: 'service', value: 'death-registration', target: 4.5, comparison: 'at-least', by: dateFromToday(365), responsible })]));
  });
});
