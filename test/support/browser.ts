// The portal in a real browser: one headless Chromium per test file (Debian's chromium, driven by playwright-core),
// pages in Arabic or English, axe-core on every page checked (no serious or critical violation) and a screenshot
// of it in .local/screenshots/, sign-in as the demo users (staff answer their TOTP challenge).
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { readDemoTotpSecrets } from '../../local/cognito/demo-accounts';
import { totpCode } from '../../local/cognito/sign-in';
import { demoPassword } from '../../local/demo-users';
import { cloudState } from './api';
import { screenshotDir } from './screenshots';
import { until } from './wait';

// Run inside the page by page.evaluate (the test project's types have no DOM).
declare const document: any;
declare const window: any;

export type Lang = 'ar' | 'en';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const portalUrl = () => cloudState().apiUrl;

/** Starts the file's browser in beforeAll and closes it in afterAll, printing the pages axe-core checked. */
export function useBrowser() {
  let browser: Browser | undefined;
  const checked: string[] = [];
  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  });
  afterAll(async () => {
    await browser?.close();
    console.log(`axe-core checked ${checked.length} pages: ${checked.join(', ')}`);
  });

  /** A fresh browser context (another device) on the portal's first page, in the language asked for. */
  async function newPage(lang: Lang = 'ar'): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: 1100, height: 900 }, locale: lang === 'ar' ? 'ar-JO' : 'en-GB' });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${portalUrl()}/`);
    await page.locator('main h1').waitFor();
    if (lang === 'en') {
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.locator('html[lang=en]').waitFor();
    }
    return page;
  }

  /** Waits for the page to render, runs axe-core on it, and saves a screenshot. */
  async function check(page: Page, name: string): Promise<void> {
    await page.locator('main:not([aria-busy])').waitFor();
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
      return result.violations
        .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
        .map((v: any) => `${v.id} (${v.impact}): ${v.nodes.map((n: any) => n.target.join(' ')).join('; ')}`);
    });
    expect({ page: name, violations }).toEqual({ page: name, violations: [] });
    checked.push(name);
    await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
  }

  return { newPage, check };
}

export const signInLabels = {
  username: { ar: 'اسم المستخدم أو الرقم الوطني', en: 'Username or national number' },
  password: { ar: 'كلمة المرور', en: 'Password' },
  submit: { ar: 'تسجيل الدخول', en: 'Sign in' },
  totp: { ar: 'رمز التحقق من تطبيق المصادقة', en: 'Code from your authenticator app' },
  continue: { ar: 'متابعة', en: 'Continue' },
  signOut: { ar: 'تسجيل الخروج', en: 'Sign out' },
} as const;

/** Fills the sign-in form (and leaves the page on whatever comes next: signed in, or a challenge). */
export async function submitSignIn(page: Page, username: string, password: string, lang: Lang): Promise<void> {
  if (!page.url().includes('#/signin')) {
    await page.goto(`${portalUrl()}/#/signin`);
  }
  await page.getByLabel(signInLabels.username[lang]).fill(username);
  await page.getByLabel(signInLabels.password[lang]).fill(password);
  await page.getByRole('button', { name: signInLabels.submit[lang], exact: true }).last().click();
}

/** Signs in a demo user; demo staff answer the TOTP challenge with their seeded secret. */
export async function signIn(page: Page, username: string, lang: Lang): Promise<void> {
  await submitSignIn(page, username, demoPassword, lang);
  if (username.startsWith('officer') || username === 'operator') {
    const secret = readDemoTotpSecrets(cloudState().totpFile)[username]!;
    await page.getByLabel(signInLabels.totp[lang]).fill(totpCode(secret));
    await page.getByRole('button', { name: signInLabels.continue[lang] }).click();
  }
  await page.getByRole('button', { name: signInLabels.signOut[lang] }).waitFor();
}

/** Reloads until the text shows (the workflow works asynchronously). */
export async function reloadUntil(page: Page, text: string): Promise<void> {
  await until(`"${text}" on ${page.url()}`, async () => {
    await page.reload();
    await page.locator('main:not([aria-busy])').waitFor();
    return (await page.getByText(text).count()) > 0;
  });
}
