// Shared pieces of every view: the page frame, form fields, notices, error texts, values shown in the page's language.
import { ApiError, call } from './api';
import { h, uid } from './dom';
import { type Localized, lang, loc, number, registryFieldNames, t } from './i18n';

export type Json = any;
export const main = () => document.getElementById('main')!;
export const live = () => document.getElementById('live')!;
let agencies: Map<string, Localized> | undefined;

export async function agencyNames(): Promise<Map<string, Localized>> {
  if (!agencies) {
    const { body } = await call('GET', '/v1/agencies');
    agencies = new Map(body.items.map((agency: Json) => [agency.agencyId, agency.name]));
  }
  return agencies;
}

export function announce(message: string): void {
  live().textContent = message;
}

export function notice(message: string, kind: 'ok' | 'error' = 'ok'): HTMLElement {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, message);
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return t('forbidden');
    if (error.status === 401) return t('needSignIn');
    return t('genericError', { message: error.message });
  }
  return t('genericError', { message: String((error as Error).message ?? error) });
}

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || uid('f');
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: id }, label), hint && h('p', { class: 'hint', id: hintId }, hint), control);
}

export function page(title: string, ...content: Array<Node | false | undefined | null>): void {
  document.title = `${title} · ${t('appName')}`;
  main().replaceChildren(h('h1', { tabindex: '-1', id: 'page-title' }, title), ...content.filter((node): node is Node => !!node));
}

/** A registry or answer value as text: bilingual values in the current language, objects as their parts. */
export function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'number') return number(value);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.ar === 'string' || typeof record.en === 'string') return String(record[lang()] ?? record.ar ?? record.en);
    return Object.values(record).map(show).join('، ');
  }
  return String(value);
}

/** Registry data prefilled into an application, by its bilingual name. */
export function prefillList(prefill: Record<string, unknown>): HTMLElement {
  return h('dl', { class: 'facts' }, ...Object.entries(prefill).flatMap(([k, v]) => [h('dt', {}, loc(registryFieldNames[k]) || k), h('dd', {}, show(v))]));
}
