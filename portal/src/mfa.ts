// Enrolling an authenticator app (TOTP): staff must before any staff route serves them (the portal brings them here
// when the API answers mfa_enrolment_required), citizens may. POST /v1/me/mfa/totp gives the secret, a current code
// confirms it (POST /v1/me/mfa/totp/verify), and every later sign-in asks for a code. Citizens without an
// authenticator app may instead have a code sent by SMS at each sign-in (Cognito's SMS MFA, to the account's phone).
// Loaded when the security page opens: its SMS texts are here.
import { ApiError, call, cognitoAccount, role, setSmsMfa } from './api';
import { h } from './dom';
import { lang, t } from './i18n';
import { errorText, field, notice, page } from './ui';

const home = () => (role() === 'officer' ? '#/inbox' : role() === 'operator' ? '#/operator' : '#/me/applications');

export function mfaPage(required: boolean): void {
  const status = h('div', { role: 'status' });
  const steps = h('div', {});
  const start = async () => {
    try {
      const { body } = await call('POST', '/v1/me/mfa/totp');
      steps.replaceChildren(enrolForm(body, status));
      steps.querySelector('input')?.focus();
    } catch (error) {
      status.replaceChildren(notice(error instanceof ApiError && error.code === 'mfa_already_enrolled' ? t('mfaAlready') : errorText(error), error instanceof ApiError && error.code === 'mfa_already_enrolled' ? 'ok' : 'error'));
    }
  };
  steps.append(h('button', { type: 'button', onclick: () => void start() }, t('mfaStart')));
  page(t('mfaTitle'), required && notice(t('mfaRequired'), 'error'), h('p', {}, t('mfaIntro')), status, steps, role() === 'citizen' && smsSection());
}

const smsTexts = {
  title: ['رمز برسالة نصية', 'A code by SMS'],
  off: ['فعّل هذا لنرسل لك رمزاً برسالة نصية إلى {phone} عند كل تسجيل دخول.', 'Turn this on and each sign-in sends a code by SMS to {phone}.'],
  on: ['عند كل تسجيل دخول نرسل رمزاً برسالة نصية إلى {phone}.', 'Each sign-in sends a code by SMS to {phone}.'],
  turnOn: ['تفعيل الرمز بالرسائل النصية', 'Turn on SMS codes'],
  turnOff: ['إيقاف الرمز بالرسائل النصية', 'Turn off SMS codes'],
  turnedOn: ['فُعّل الرمز بالرسائل النصية.', 'SMS codes are on.'],
  turnedOff: ['أُوقف الرمز بالرسائل النصية.', 'SMS codes are off.'],
  app: ['تستخدم تطبيق المصادقة: يُطلب رمزه عند تسجيل الدخول.', 'You use an authenticator app: sign-in asks for its code.'],
  noPhone: ['لا رقم هاتف في حسابك.', 'Your account has no phone number.'],
} as const;
const sms = (key: keyof typeof smsTexts) => smsTexts[key][lang() === 'ar' ? 0 : 1];
/** A sentence with the phone number in it, kept left to right inside Arabic text. */
const withPhone = (key: 'on' | 'off', phone: string) => {
  const [before, after] = sms(key).split('{phone}');
  return h('p', {}, before, h('bdi', { dir: 'ltr' }, phone), after);
};

/** SMS MFA, on or off (Cognito's SetUserMFAPreference with the session's access token); not turned on beside an authenticator app. */
function smsSection(): HTMLElement {
  const body = h('div', {});
  const status = h('div', { role: 'status' });
  const draw = async (done?: string) => {
    const account = await cognitoAccount();
    const on = account.mfa.includes('SMS_MFA');
    // Beside an authenticator app, SMS codes may only be turned off (sign-in asks for the app's code).
    if (account.mfa.includes('SOFTWARE_TOKEN_MFA') && !on) body.replaceChildren(h('p', {}, sms('app')));
    else if (!account.phone) body.replaceChildren(h('p', {}, sms('noPhone')));
    else body.replaceChildren(withPhone(on ? 'on' : 'off', account.phone), h('button', { type: 'button', class: on ? 'secondary' : undefined, onclick: () => void change(!on) }, sms(on ? 'turnOff' : 'turnOn')));
    if (done) status.replaceChildren(notice(done));
  };
  const change = async (on: boolean) => {
    try {
      await setSmsMfa(on);
      await draw(sms(on ? 'turnedOn' : 'turnedOff'));
    } catch (error) {
      status.replaceChildren(notice(errorText(error), 'error'));
    }
  };
  draw().catch((error: unknown) => status.replaceChildren(notice(errorText(error), 'error')));
  return h('section', { class: 'panel', 'aria-labelledby': 'sms-mfa' }, h('h2', { id: 'sms-mfa' }, sms('title')), body, status);
}

function enrolForm(enrolment: { secretCode: string; otpauthUri: string }, status: HTMLElement): HTMLElement {
  const code = h('input', { name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', dir: 'ltr', maxlength: 6 }) as HTMLInputElement;
  const verify = async () => {
    try {
      await call('POST', '/v1/me/mfa/totp/verify', { code: code.value.trim() });
      // Staff were brought here from the page they asked for: going on shows it again, even at the same address.
      form.replaceWith(h('p', {}, h('a', { href: home(), onclick: (e: Event) => { if (location.hash === home()) { e.preventDefault(); window.dispatchEvent(new HashChangeEvent('hashchange')); } } }, t('continue'))));
      status.replaceChildren(notice(t('mfaEnabled')));
    } catch (error) {
      code.setAttribute('aria-invalid', 'true');
      status.replaceChildren(notice(error instanceof ApiError && error.code === 'invalid_code' ? t('mfaWrongCode') : errorText(error), 'error'));
    }
  };
  const form = h('form', { class: 'panel narrow', onsubmit: (e: Event) => { e.preventDefault(); void verify(); } },
    h('p', {}, t('mfaScan')),
    h('p', {}, h('a', { href: enrolment.otpauthUri }, t('mfaOpenApp'))),
    h('p', {}, t('mfaKey'), ' ', h('code', { dir: 'ltr', class: 'secret' }, enrolment.secretCode.replace(/(.{4})/g, '$1 ').trim())),
    field(t('mfaCode'), code),
    h('button', { type: 'submit' }, t('mfaVerify')),
  );
  return form;
}
