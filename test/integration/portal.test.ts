// The portal in a real browser (Debian's chromium, driven by playwright-core) against the local cloud: a citizen
// applies in Arabic, an officer approves in English, a draft is resumed on another device, a validation error is
// shown in Arabic, an officer is refused another agency's task, an operator meets a conflict; axe-core checks every
// page in both languages for serious or critical violations, and screenshots land in .local/screenshots/.
import { readFileSync } from 'node:fs';
import { api, lastMessageTo, tokenFor } from '../support/api';
import { portalUrl as base, reloadUntil, signIn, useBrowser } from '../support/browser';
import { createPerson, dateFromToday, freshPersonProof } from '../support/fixtures';
import { payApplication } from '../support/journey';
import { decide, openTask } from '../support/engagement';
import { until } from '../support/wait';

jest.setTimeout(120_000);
// Run inside the page by page.evaluate (the test project's types have no DOM).
declare const document: any;

const { newPage, check } = useBrowser();

let appliedId = '';
let draftId = '';

describe('a citizen in Arabic', () => {
  it('finds a service, reads its card, sees a validation error in Arabic, and applies', async () => {
    const page = await newPage('ar');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    const firstRender = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
    console.log(`portal first contentful paint: ${Math.round(firstRender)} ms`);
    expect(firstRender).toBeGreaterThan(0);
    await check(page, 'services-ar');

    await page.getByLabel('كلمات البحث').fill('قيد مدني');
    await page.getByRole('button', { name: 'بحث' }).click();
    await page.getByRole('link', { name: 'إصدار صورة قيد مدني' }).click();
    await page.getByRole('heading', { level: 1, name: 'إصدار صورة قيد مدني' }).waitFor();
    // The card: fee in Arabic-Indic digits, expected time in working days with the Arabic singular, steps, registry data.
    await page.getByRole('definition').filter({ hasText: '١ د.أ' }).waitFor();
    await page.getByRole('definition').filter({ hasText: 'يوم عمل واحد' }).waitFor();
    await page.getByText('إصدار القيد المصدّق إلكترونياً — دائرة الأحوال المدنية والجوازات').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'رقم دفتر العائلة' }).waitFor();
    await check(page, 'service-card-ar');

    await page.getByRole('link', { name: 'سجّل الدخول للتقديم' }).click();
    await signIn(page, 'citizen', 'ar');
    await page.getByRole('heading', { level: 1, name: 'طلب: إصدار صورة قيد مدني' }).waitFor();
    await page.getByRole('button', { name: 'إرسال الطلب' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('حقل «نوع القيد» مطلوب.').waitFor();
    expect(await page.locator('#field-extractType').getAttribute('aria-invalid')).toBe('true');
    await check(page, 'apply-validation-ar');

    await page.getByLabel('نوع القيد (مطلوب)').selectOption('individual');
    await page.getByLabel('الجهة المقدَّم إليها').fill('جامعة اليرموك');
    await page.getByRole('button', { name: 'إرسال الطلب' }).click();
    await page.getByText(/أُرسل طلبك\. رقم الطلب/).waitFor();
    appliedId = page.url().split('#/applications/')[1]!.split('?')[0]!;
    expect(appliedId).toMatch(/^[0-9A-Z]{26}$/);
    await check(page, 'application-ar');
    const stored = await api(`/v1/applications/${appliedId}`, { token: await tokenFor('citizen') });
    expect(stored.body).toMatchObject({ serviceId: 'civil-status-extract', channel: 'portal', answers: { extractType: 'individual', purpose: 'جامعة اليرموك' } });
    // The extract's fee is due before issue: paid through the citizen's bank (the provider simulator).
    await payApplication(await tokenFor('citizen'), appliedId);

    await page.getByRole('link', { name: 'طلباتي' }).click();
    await page.getByRole('link', { name: 'إصدار صورة قيد مدني' }).first().waitFor();
    await check(page, 'my-applications-ar');
    for (const [link, name] of [['الإشعارات', 'notifications-ar'], ['الموافقات', 'consents-ar'], ['من اطّلع على بياناتي', 'access-log-ar']] as const) {
      await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await check(page, name);
    }
  });
});

describe('an officer in English', () => {
  it('finds the task in the agency inbox and approves it; the citizen sees the approval', async () => {
    expect(appliedId).not.toBe('');
    const page = await newPage('en');
    await check(page, 'services-en');
    await page.getByRole('link', { name: 'Civil registry extract' }).click();
    await page.getByRole('heading', { level: 1, name: 'Civil registry extract' }).waitFor();
    await check(page, 'service-card-en');
    await page.getByRole('navigation').getByRole('link', { name: 'Sign in' }).click();
    await check(page, 'sign-in-en');
    await signIn(page, 'officer-cspd', 'en');
    await page.getByRole('heading', { level: 1, name: /Task inbox of Civil Status and Passport Department/ }).waitFor();
    await reloadUntil(page, appliedId);
    await check(page, 'inbox-en');
    await page.getByRole('row', { name: new RegExp(appliedId) }).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: /Task: Issue the electronically certified extract/ }).waitFor();
    await check(page, 'task-en');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText('The decision was recorded.').waitFor();

    const citizen = await newPage('ar');
    await signIn(citizen, 'citizen', 'ar');
    await citizen.goto(`${base()}/#/applications/${appliedId}`);
    await reloadUntil(citizen, 'مقبول');
    await citizen.getByLabel('التقييم من 1 إلى 5').selectOption('5');
    await citizen.getByRole('button', { name: 'إرسال التقييم' }).click();
    await citizen.getByText('شكراً لتقييمك.').first().waitFor();
    await check(citizen, 'application-approved-ar');
  });

  it('is refused the task of another agency', async () => {
    const page = await newPage('en');
    await signIn(page, 'officer-dvld', 'en');
    await page.goto(`${base()}/#/tasks/${appliedId}.generate-extract`);
    await page.getByRole('alert').getByText("This task is not in your agency's inbox.").waitFor();
    const refused = await api(`/v1/tasks/${appliedId}.generate-extract/decision`, { method: 'POST', token: await tokenFor('officer-dvld'), body: { decision: 'approve' } });
    expect(refused.body.error.code).toBe('task_not_found');
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await check(page, 'task-refused-en');
  });
});

describe('a draft', () => {
  it('is saved on one device and resumed and submitted on another', async () => {
    const laptop = await newPage('ar');
    await signIn(laptop, 'citizen2', 'ar');
    await laptop.goto(`${base()}/#/apply/civil-status-extract`);
    await laptop.getByLabel('الجهة المقدَّم إليها').fill('وزارة التربية');
    await laptop.getByRole('button', { name: 'حفظ كمسودة' }).click();
    await laptop.getByText('حُفظت المسودة').waitFor();

    const phone = await newPage('en');
    await signIn(phone, 'citizen2', 'en');
    await phone.goto(`${base()}/#/me/applications`);
    await phone.getByText('Resume draft').first().waitFor();
    await check(phone, 'my-applications-en');
    await phone.getByRole('row', { name: /Draft/ }).first().getByRole('link').click();
    await phone.getByRole('heading', { level: 1, name: 'Application: Civil registry extract' }).waitFor();
    expect(await phone.getByLabel('Body it is submitted to').inputValue()).toBe('وزارة التربية');
    await phone.getByLabel('Type of extract (required)').selectOption('family');
    await check(phone, 'apply-draft-en');
    await phone.getByRole('button', { name: 'Submit application' }).click();
    await phone.getByText(/Your application was submitted/).waitFor();
    draftId = phone.url().split('#/applications/')[1]!.split('?')[0]!;
    await check(phone, 'application-en');
    await payApplication(await tokenFor('citizen2'), draftId);
  });
});

describe('a request for information', () => {
  it('is asked by the officer in English, answered by the citizen in Arabic, who then cancels', async () => {
    expect(draftId).not.toBe('');
    const officer = await newPage('en');
    await signIn(officer, 'officer-cspd', 'en');
    await officer.goto(`${base()}/#/tasks/${draftId}.generate-extract`);
    await reloadUntil(officer, 'Request information');
    await officer.getByRole('button', { name: 'Request information' }).click();
    await officer.getByText('A rejection or a request for information needs a note.').waitFor();
    await officer.getByLabel('Note').fill('Which ministry department is the extract for?');
    await officer.getByRole('button', { name: 'Request information' }).click();
    await officer.getByText('The decision was recorded.').waitFor();

    const citizen = await newPage('ar');
    await signIn(citizen, 'citizen2', 'ar');
    await citizen.goto(`${base()}/#/applications/${draftId}`);
    await reloadUntil(citizen, 'Which ministry department is the extract for?');
    await citizen.getByLabel('إجابتك').fill('مديرية التعليم في إربد');
    await citizen.getByRole('button', { name: 'إرسال الإجابة' }).click();
    await citizen.getByText('أُرسلت إجابتك.').first().waitFor();
    await check(citizen, 'application-answered-ar');
    await citizen.getByLabel('سبب الإلغاء (اختياري)').fill('لم أعد بحاجة إليه');
    await citizen.getByRole('button', { name: 'إلغاء الطلب' }).click();
    await citizen.getByText('أُلغي الطلب.').first().waitFor();
    const stored = await api(`/v1/applications/${draftId}`, { token: await tokenFor('citizen2') });
    expect(stored.body.status).toBe('cancelled');
  });
});

describe('a new citizen', () => {
  it('signs up in Arabic with the national number, confirms, and signs in', async () => {
    const nationalNumber = await createPerson();
    const page = await newPage('ar');
    await page.getByRole('navigation').getByRole('link', { name: 'إنشاء حساب' }).click();
    await page.getByRole('heading', { level: 1, name: 'إنشاء حساب' }).waitFor();
    await check(page, 'sign-up-ar');
    await page.getByLabel('الرقم الوطني').fill(nationalNumber);
    await page.getByLabel('رقم بطاقة الأحوال المدنية').fill(freshPersonProof.documentNumber);
    await page.getByLabel('تاريخ الميلاد').fill(freshPersonProof.dateOfBirth);
    await page.getByLabel('رقم الهاتف المحمول').fill(freshPersonProof.phone);
    await page.getByLabel('البريد الإلكتروني').fill(freshPersonProof.email);
    await page.getByLabel('كلمة المرور').fill('Salma-Strong-2026!');
    await page.getByRole('button', { name: 'إنشاء حساب' }).last().click();
    await page.getByText('أرسلنا رمز تأكيد').waitFor();
    const code = await until('the confirmation code', async () => lastMessageTo(nationalNumber)?.code);
    await page.getByLabel('رمز التأكيد').fill(code);
    await page.getByRole('button', { name: 'تأكيد' }).click();
    await page.getByText('تم تأكيد حسابك. سجّل الدخول الآن.').waitFor();
    await page.getByLabel('اسم المستخدم أو الرقم الوطني').fill(nationalNumber);
    await page.getByLabel('كلمة المرور').fill('Salma-Strong-2026!');
    await page.getByRole('button', { name: 'تسجيل الدخول', exact: true }).last().click();
    await page.getByRole('heading', { level: 1, name: 'طلباتي' }).waitFor();
    await page.getByText('لا طلبات بعد.').waitFor();
  });
});

describe('a complaint', () => {
  it('is filed by a citizen in Arabic, answered by the agency in English, and its handling rated', async () => {
    const citizen = await newPage('ar');
    await signIn(citizen, 'resident', 'ar');
    await citizen.getByRole('navigation').getByRole('link', { name: 'الشكاوى' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'شكاواي' }).waitFor();
    await citizen.getByLabel('نوع الشكوى').selectOption('service-delay');
    await citizen.getByLabel('الجهة').selectOption('cspd');
    await citizen.getByLabel(/نص الشكوى/).fill('قصير');
    await citizen.getByRole('button', { name: 'تقديم شكوى' }).click();
    await citizen.getByText('اكتب نص الشكوى في 10 أحرف على الأقل.').waitFor();
    await check(citizen, 'complaints-ar');
    await citizen.getByLabel(/نص الشكوى/).fill('تأخر إصدار القيد المدني أسبوعاً كاملاً دون أي إشعار.');
    await citizen.getByRole('button', { name: 'تقديم شكوى' }).click();
    await citizen.getByText('استلمنا شكواك.').waitFor();
    const complaintId = citizen.url().split('#/complaints/')[1]!.split('?')[0]!;
    await check(citizen, 'complaint-ar');

    const officer = await newPage('en');
    await signIn(officer, 'officer-cspd', 'en');
    await officer.getByRole('navigation').getByRole('link', { name: 'Complaints' }).click();
    await officer.getByRole('heading', { level: 1, name: /Complaints addressed to Civil Status/ }).waitFor();
    await check(officer, 'agency-complaints-en');
    await officer.goto(`${base()}/#/complaints/${complaintId}`);
    await officer.getByLabel('Response', { exact: true }).fill('We apologise: the extract was issued today.');
    await officer.getByLabel('Status after the response').selectOption('resolved');
    await officer.getByRole('button', { name: 'Send response' }).click();
    await officer.getByText('The response was sent.').waitFor();
    await check(officer, 'complaint-en');

    await citizen.reload();
    await citizen.getByText('We apologise: the extract was issued today.').waitFor();
    await citizen.getByLabel('التقييم من 1 إلى 5').selectOption('4');
    await citizen.getByRole('button', { name: 'إرسال التقييم' }).click();
    await citizen.getByText('شكراً لتقييمك.').waitFor();
    const stored = await api(`/v1/complaints/${complaintId}`, { token: await tokenFor('resident') });
    expect(stored.body).toMatchObject({ status: 'closed', agencyId: 'cspd', resolutionRating: { rating: 4 } });
  });
});

describe('a business representative', () => {
  it('applies for the business the registry lists her for, and sets how she is notified', async () => {
    const page = await newPage('ar');
    await page.goto(`${base()}/#/services/commercial-register-extract`);
    await page.getByRole('link', { name: 'سجّل الدخول للتقديم' }).click();
    await signIn(page, 'citizen2', 'ar');
    await page.getByRole('heading', { level: 1, name: 'طلب: مستخرج من السجل التجاري' }).waitFor();
    // A business-only service: the one business the registry lists Lina for is the applicant.
    const applyingFor = page.getByLabel('مقدّم الطلب');
    expect(await applyingFor.locator('option').allTextContents()).toEqual(['المنشأة: شركة الحداد للبرمجيات ذ.م.م']);
    await check(page, 'apply-business-ar');
    await page.getByLabel('رقم التسجيل (مطلوب)').fill('200145678');
    await page.getByLabel('لغة المستخرج (مطلوب)').selectOption('ar');
    await page.getByRole('button', { name: 'إرسال الطلب' }).click();
    await page.getByText(/أُرسل طلبك\. رقم الطلب/).waitFor();
    const applicationId = page.url().split('#/applications/')[1]!.split('?')[0]!;
    const lina = await tokenFor('citizen2');
    const stored = await api(`/v1/applications/${applicationId}`, { token: lina });
    expect(stored.body).toMatchObject({ applicant: { kind: 'businesses', recordId: '200145678' }, representative: { recordId: '2000456789', role: 'representative' } });

    // Notification preferences: English, no SMS about progress, quiet hours 21:30–08:00; put back as they were.
    const before = (await api('/v1/me/notification-preferences', { token: lina })).body;
    try {
      await page.getByRole('navigation').getByRole('link', { name: 'تفضيلات الإشعارات' }).click();
      await page.getByRole('heading', { level: 1, name: 'تفضيلات الإشعارات' }).waitFor();
      await check(page, 'preferences-ar');
      await page.getByLabel('لغة الرسائل').selectOption('en');
      await page.getByLabel('تقدّم طلباتي: رسالة نصية').uncheck();
      await page.getByLabel('لا رسائل نصية ليلاً (إلا العاجلة)').check();
      await page.getByLabel('من الساعة').fill('21:30');
      await page.getByLabel('حتى الساعة').fill('08:00');
      await page.getByRole('button', { name: 'حفظ التفضيلات' }).click();
      await page.getByText('حُفظت تفضيلاتك.').waitFor();
      const saved = (await api('/v1/me/notification-preferences', { token: lina })).body;
      expect(saved).toMatchObject({ language: 'en', quietHours: { from: '21:30', to: '08:00' }, channels: { 'application-progress': { sms: false } } });
      expect(saved.channels['application-status']).toEqual(before.channels['application-status']);
    } finally {
      const { updatedAt: _, ...restore } = before;
      await api('/v1/me/notification-preferences', { method: 'PUT', token: lina, body: restore });
    }

    // The ministry issues the extract: it is in Lina's wallet, the business's, and downloads as a PDF.
    await decide('mit', await openTask('mit', applicationId, 'issue-extract'), 'approve');
    const documentId = `DOC-${applicationId}`;
    await page.getByRole('navigation').getByRole('link', { name: 'وثائقي' }).click();
    await reloadUntil(page, documentId);
    await check(page, 'documents-ar');
    const item = page.getByRole('listitem').filter({ hasText: documentId });
    await item.getByText('صاحب الوثيقة: شركة الحداد للبرمجيات ذ.م.م').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: 'تنزيل نسخة PDF' }).click()]);
    expect(download.suggestedFilename()).toBe(`${documentId}.pdf`);
    expect(readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('a consent', () => {
  it('is granted from the portal for two fields and one purpose, listed, and revoked', async () => {
    const page = await newPage('ar');
    await signIn(page, 'citizen2', 'ar');
    await page.getByRole('navigation').getByRole('link', { name: 'الموافقات' }).click();
    await page.getByRole('heading', { level: 2, name: 'منح جهة حكومية الاطلاع على بياناتي' }).waitFor();
    await check(page, 'consent-grant-ar');
    const purpose = `portal-grant-${Date.now()}`;
    await page.getByLabel('الجهة', { exact: true }).selectOption('ssc');
    await page.getByLabel('الاسم الكامل').check();
    await page.getByLabel('العنوان').check();
    await page.getByLabel('الغرض (تطّلع الجهة لهذا الغرض وحده)').fill(purpose);
    // The end date by the platform's clock (the form's default is the browser's: test:future shifts only the platform's).
    await page.getByLabel('حتى تاريخ (سنة على الأكثر)').fill(dateFromToday(90));
    await page.getByRole('button', { name: 'منح الموافقة' }).click();
    const listed = page.getByRole('listitem').filter({ hasText: purpose });
    await listed.waitFor();
    const lina = await tokenFor('citizen2');
    const consent = ((await api('/v1/me/consents', { token: lina })).body.items as Array<{ consentId: string; purpose: string; grantee: object; fields: string[]; status: string }>).find((item) => item.purpose === purpose)!;
    expect(consent).toMatchObject({ grantee: { type: 'agency', id: 'ssc' }, fields: ['fullName', 'address'], status: 'active' });
    await listed.getByRole('button', { name: 'سحب الموافقة' }).click();
    await until('the consent revoked', async () => ((await api('/v1/me/consents', { token: lina })).body.items as Array<{ consentId: string; status: string }>).find((item) => item.consentId === consent.consentId)?.status === 'revoked');
  });
});

describe('an operator', () => {
  it('edits a card, is shown the conflict when someone saved first, and moves its lifecycle stage', async () => {
    const page = await newPage('en');
    await signIn(page, 'operator', 'en');
    await page.getByRole('link', { name: 'Trade name registration' }).waitFor();
    await check(page, 'operator-en');
    await page.getByRole('link', { name: 'Trade name registration' }).click();
    await page.getByRole('heading', { level: 1, name: /Edit service card/ }).waitFor();
    await check(page, 'edit-card-en');

    // Someone else saves a version first.
    const token = await tokenFor('operator');
    const current = await api('/v1/services/trade-name-registration', { token });
    const { serviceId: _s, version, lifecycleStage: _l, priorityScore: _p, updatedAt: _u, updatedBy: _b, processingTime: _t, ...card } = current.body;
    expect((await api('/v1/services/trade-name-registration', { method: 'PUT', token, body: { expectedVersion: version, card } })).status).toBe(200);

    await page.getByLabel('Name in English').fill('Trade name registration (online)');
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page.getByRole('alert').getByText(/Someone else saved a newer version/).waitFor();
    await page.getByRole('button', { name: 'Reload' }).click();
    // The reloaded card replaces the form: typing before it has rendered would be lost to it.
    await page.getByRole('alert').getByText(/Someone else saved a newer version/).waitFor({ state: 'detached' });
    await page.locator('main:not([aria-busy])').waitFor();
    await page.getByLabel('Name in English').fill('Trade name registration (online)');
    await page.getByRole('button', { name: 'Save a new version' }).click();
    await page.getByText(/Version .* saved\./).waitFor();
    const saved = await api('/v1/services/trade-name-registration', { token });
    expect(saved.body).toMatchObject({ version: version + 2, name: { en: 'Trade name registration (online)' } });

    await page.reload();
    await page.getByLabel('Lifecycle stage').selectOption('post-launch-evaluation');
    await page.getByRole('button', { name: 'Move to stage' }).click();
    await page.getByText('The service moved to "Post-launch evaluation".').waitFor();
    const moved = await api('/v1/services/trade-name-registration', { token });
    expect(moved.body.lifecycleStage).toBe('post-launch-evaluation');
    // Back to launched: other test files share this catalogue and count on the reference services' stages.
    const back = await api('/v1/services/trade-name-registration/stage', { method: 'POST', token, body: { stage: 'launched', expectedVersion: moved.body.version } });
    expect(back.status).toBe(200);
  });
});
