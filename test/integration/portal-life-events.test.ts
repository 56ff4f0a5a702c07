// Life events in the portal, in a real browser against the local cloud: a citizen browses the life events in Arabic,
// reads the newborn's services, is shown a missing answer in Arabic, applies for all four services with the shared
// form, and follows the bundle; a Ministry of Health officer approves the birth registration's first step in
// English; once the birth is registered the national number starts, and the citizen follows it in English.
// axe-core checks each page; screenshots in .local/screenshots/.
import type { Page } from 'playwright-core';
import { api, tokenFor } from '../support/api';
import { portalUrl, reloadUntil, signIn, useBrowser } from '../support/browser';
import { decide, openTask } from '../support/engagement';
import { payApplication } from '../support/journey';
import { NEWBORN } from '../support/life-events';
import { until } from '../support/wait';

jest.setTimeout(180_000);

const { newPage, check } = useBrowser();

type Member = { key: string; status: string; applicationId?: string };
const bundleOf = async (bundleId: string) => (await api(`/v1/bundles/${bundleId}`, { token: await tokenFor('citizen') })).body as { status: string; members: Member[] };

/** Fills the newborn's shared form with NEWBORN's answers (labels in Arabic, required ones marked). */
async function fillNewborn(page: Page): Promise<void> {
  const a = NEWBORN.answers;
  await page.getByLabel('اسم الطفل الأول (مطلوب)').fill(a.childFirstName);
  await page.getByLabel('اسم الطفل الرباعي (مطلوب)').fill(a.childFullName);
  await page.getByLabel('الجنس (مطلوب)').selectOption(a.childSex);
  await page.getByLabel('تاريخ الولادة (مطلوب)').fill(a.dateOfBirth);
  await page.getByLabel('مكان الولادة (مطلوب)').fill(a.placeOfBirth);
  await page.getByLabel('رقم تبليغ الولادة (مطلوب)').fill(a.birthNotificationNumber);
  await page.getByLabel('استلام دفتر العائلة (مطلوب)').selectOption(a.familyBookDelivery);
}

/** Takes an application to approved as its agencies' officers (and pays its fee when one is due), step by step. */
async function approveAll(applicationId: string): Promise<void> {
  const token = await tokenFor('citizen');
  await until(`application ${applicationId} approved`, async () => {
    const application = (await api(`/v1/applications/${applicationId}`, { token })).body;
    if (application.status === 'approved') return true;
    if (application.payment?.status === 'due') await payApplication(token, applicationId);
    for (const step of application.stages.flatMap((stage: { steps: Array<{ stepId: string; agencyId: string; status: string }> }) => stage.steps)) {
      if (step.status === 'open') await decide(step.agencyId, `${applicationId}.${step.stepId}`, 'approve').catch(() => undefined);
    }
    return undefined;
  });
}

let bundleId = '';

describe('a life event', () => {
  it('is found and applied for in Arabic: four services in one request, the bundle followed', async () => {
    const page = await newPage('ar');
    await page.getByRole('navigation').getByRole('link', { name: 'مناسبات الحياة' }).click();
    await page.getByRole('heading', { level: 1, name: 'مناسبات الحياة' }).waitFor();
    await check(page, 'life-events-ar');
    await page.getByRole('link', { name: 'مولود جديد' }).click();
    await page.getByRole('heading', { level: 1, name: 'مولود جديد' }).waitFor();
    // The member services in order, each saying when it starts.
    await page.getByRole('listitem').filter({ hasText: 'تسجيل واقعة الولادة — تبدأ فور تقديم الطلب' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'تبدأ بعد قبول: تسجيل واقعة الولادة' }).waitFor();
    await page.getByRole('link', { name: 'سجّل الدخول للتقديم' }).click();
    await signIn(page, 'citizen', 'ar');
    await page.getByRole('heading', { level: 2, name: 'بيانات الطلب' }).waitFor();

    await page.getByRole('button', { name: 'تقديم الطلب لكل الخدمات' }).click();
    await page.getByRole('alert').getByText('حقل «اسم الطفل الأول» مطلوب.').waitFor();
    expect(await page.locator('#field-childFirstName').getAttribute('aria-invalid')).toBe('true');
    await fillNewborn(page);
    await check(page, 'life-event-ar');
    await page.getByRole('button', { name: 'تقديم الطلب لكل الخدمات' }).click();
    await page.getByText('أُرسل طلبك. تبدأ كل خدمة حين تُقبل الخدمات التي تسبقها.').waitFor();
    bundleId = page.url().split('#/bundles/')[1]!.split('?')[0]!;
    expect(bundleId).toMatch(/^[0-9A-Z]{26}$/);

    const stored = await bundleOf(bundleId);
    // The birth registration at once (its workflow may already have started it), the others waiting for it.
    expect(stored.members.map((m) => [m.key, m.status])).toEqual([['birth', expect.stringMatching(/^(submitted|in-progress)$/)], ['national-number', 'waiting'], ['family-book', 'waiting'], ['health-insurance', 'waiting']]);
    const birthId = stored.members[0]!.applicationId!;
    const birth = (await api(`/v1/applications/${birthId}`, { token: await tokenFor('citizen') })).body;
    expect(birth).toMatchObject({ serviceId: 'birth-registration', bundleId, channel: 'portal', answers: { childFirstName: NEWBORN.answers.childFirstName, notificationNumber: NEWBORN.answers.birthNotificationNumber } });
    // The bundle page: the birth registration links to its application, the others wait for it.
    await page.getByRole('row', { name: /تسجيل واقعة الولادة/ }).getByRole('link', { name: 'تسجيل واقعة الولادة' }).waitFor();
    expect(await page.getByRole('cell', { name: 'بانتظار الخدمات السابقة' }).count()).toBe(3);
    await page.getByText('الخدمات المقبولة: ٠ من ٤').waitFor();
    await check(page, 'bundle-ar');
    // From the member application back to the bundle.
    await page.getByRole('link', { name: 'تسجيل واقعة الولادة' }).click();
    await page.getByRole('heading', { level: 1, name: 'تسجيل واقعة الولادة' }).waitFor();
    await page.getByRole('link', { name: 'هذا الطلب جزء من طلب مناسبة حياة: تابع خدماته كلها' }).click();
    await page.getByRole('heading', { level: 1, name: 'مولود جديد' }).waitFor();
  });

  it('has its first member approved by an officer in English, and the next member starts; the citizen follows it in English', async () => {
    expect(bundleId).not.toBe('');
    const birthId = (await bundleOf(bundleId)).members[0]!.applicationId!;
    await openTask('moh', birthId, 'confirm-notification');
    const officer = await newPage('en');
    await signIn(officer, 'officer-moh', 'en');
    await officer.goto(`${portalUrl()}/#/tasks/${birthId}.confirm-notification`);
    await officer.getByRole('heading', { level: 1, name: 'Task: Confirm the birth notification from the health facility' }).waitFor();
    await officer.getByRole('definition').filter({ hasText: NEWBORN.answers.birthNotificationNumber }).waitFor();
    await officer.getByRole('button', { name: 'Approve' }).click();
    await officer.getByText('The decision was recorded.').waitFor();
    const afterOfficer = (await api(`/v1/applications/${birthId}`, { token: await tokenFor('citizen') })).body;
    expect(afterOfficer.stages.flatMap((stage: { steps: Array<{ stepId: string; status: string }> }) => stage.steps).find((step: { stepId: string }) => step.stepId === 'confirm-notification').status).toBe('approved');

    // The Civil Status department registers the birth (and the fee is paid): the national number starts.
    await approveAll(birthId);
    const citizen = await newPage('en');
    await signIn(citizen, 'citizen', 'en');
    await citizen.goto(`${portalUrl()}/#/bundles/${bundleId}`);
    await reloadUntil(citizen, '1 of 4 services approved');
    await until('the national number started', async () => {
      await citizen.reload();
      await citizen.locator('main:not([aria-busy])').waitFor();
      return (await citizen.getByRole('link', { name: 'National number for a newborn' }).count()) > 0;
    });
    expect(await citizen.getByRole('row', { name: /Birth registration/ }).getByRole('cell', { name: 'Approved' }).count()).toBe(1);
    await citizen.getByRole('row', { name: /Family book update/ }).getByRole('cell', { name: 'Waiting for the services before it' }).waitFor();
    await check(citizen, 'bundle-en');
    await citizen.getByRole('navigation').getByRole('link', { name: 'Life events' }).click();
    await citizen.getByRole('link', { name: 'A new baby' }).click();
    await citizen.getByRole('heading', { level: 2, name: 'Your answers' }).waitFor();
    await check(citizen, 'life-event-en');
    await citizen.getByRole('navigation').getByRole('link', { name: 'Life events' }).click();
    await citizen.getByRole('link', { name: 'Starting a business' }).waitFor();
    await check(citizen, 'life-events-en');
  });
});
