// Enrolling an authenticator app (TOTP): staff must before any staff route serves them (the portal brings them here
// when the API answers mfa_enrolment_required), citizens may. POST /v1/me/mfa/totp gives the secret, a current code
// confirms it (POST /v1/me/mfa/totp/verify), and every later sign-in asks for a code.
import { ApiError, call, role } from './api';
import { h } from './dom';
import { t } from './i18n';
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
  page(t('mfaTitle'), required && notice(t('mfaRequired'), 'error'), h('p', {}, t('mfaIntro')), status, steps);
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
