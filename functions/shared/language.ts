// The language of a response: the client's Accept-Language (RFC 9110 quality values), Arabic when it
// names neither Arabic nor English. Error messages in that language come from the message catalogue.
import { ar as arabicLocale } from 'zod/locales';
import type { core } from 'zod/mini';
import { errorMessages, forbiddenReasons, validationMessages, type Language, type Localized } from '../../lib/catalogue/error-messages';
import type { ErrorCode } from '../../lib/catalogue/error-codes';
import { isolate } from './message-format';

export type { Language, Localized } from '../../lib/catalogue/error-messages';

export const DEFAULT_LANGUAGE: Language = 'ar';

/** `ar-JO,ar;q=0.9,en;q=0.8` → ar; `en-GB` → en; `fr, *;q=0.1`, absent or malformed → Arabic. */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  let best: { language: Language; quality: number } | undefined;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [range = '', ...parameters] = part.trim().split(';');
    const language = range.trim().toLowerCase().split('-')[0];
    if (language !== 'ar' && language !== 'en') {
      continue;
    }
    const q = parameters.find((parameter) => /^\s*q\s*=/i.test(parameter));
    const quality = q === undefined ? 1 : Number(q.split('=')[1]?.trim() || 'NaN');
    if (Number.isFinite(quality) && quality > 0 && (!best || quality > best.quality)) {
      best = { language, quality };
    }
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}

/**
 * A message template filled from an error's details: `{name}` is the detail's value (lists joined),
 * `{name? text|other}` is `text` when the detail is present and `other` (optional) when it is not.
 */
export function fillTemplate(template: string, details: unknown, language: Language): string {
  const values = details && typeof details === 'object' && !Array.isArray(details) ? (details as Record<string, unknown>) : {};
  const show = (value: unknown): string =>
    Array.isArray(value) ? value.map(show).join(language === 'ar' ? '، ' : ', ') : language === 'ar' ? isolate(String(value)) : String(value);
  const withConditionals = template.replace(/\{(\w+)\?\s?([^|{}]*(?:\{\w+\}[^|{}]*)*)(?:\|([^{}]*))?\}/g, (_, name: string, then: string, otherwise = '') =>
    values[name] === undefined || values[name] === null ? otherwise : ` ${then.trim()}`,
  );
  return withConditionals.replace(/\{(\w+)\}/g, (placeholder, name: string) => (values[name] === undefined ? '' : show(values[name]))).replace(/\s+/g, ' ').trim();
}

/** The message a person reads for an error: the handler's own English sentence, or the catalogue's Arabic. */
export function errorMessage(code: ErrorCode, englishMessage: string, details: unknown, language: Language): string {
  if (language === 'en') {
    return englishMessage;
  }
  const reason = code === 'forbidden' ? (details as { reason?: string } | undefined)?.reason : undefined;
  const localized = (reason && forbiddenReasons[reason]) || errorMessages[code];
  return fillTemplate(localized.ar, details, language);
}

const arabicIssue = arabicLocale().localeError;

/** One validation problem as the API reports it: where, which rule, and why in both languages. */
export interface Problem {
  readonly in: 'path' | 'query' | 'body';
  readonly path: string;
  readonly code: string;
  readonly message: Localized;
}

/**
 * zod issues as problems. Parse with `{ reportInput: true }` so zod's Arabic sentences can name what was
 * sent; the input itself never leaves this function (it may be personal data).
 */
export function problemsOf(issues: readonly core.$ZodIssue[], location: Problem['in'], prefix: readonly string[] = []): Problem[] {
  return issues.map((issue) => {
    const custom = validationMessages[issue.message];
    const arabic = custom ?? arabicIssue(issue as Parameters<typeof arabicIssue>[0]);
    return {
      in: location,
      path: [...prefix, ...issue.path.map(String)].join('.'),
      code: issue.code,
      message: { en: issue.message, ar: (typeof arabic === 'string' ? arabic : arabic?.message) ?? issue.message },
    };
  });
}

const isLocalized = (value: unknown): value is Localized =>
  typeof value === 'object' && value !== null && typeof (value as Localized).ar === 'string' && typeof (value as Localized).en === 'string';

/** Error details for one reader: each problem's `message` in their language (lists of problems, or one). */
export function localizeDetails(details: unknown, language: Language): unknown {
  if (Array.isArray(details)) {
    return details.map((item) => localizeDetails(item, language));
  }
  if (typeof details !== 'object' || details === null || !('message' in details)) {
    return details;
  }
  const { message } = details as { message: unknown };
  const text = isLocalized(message)
    ? message[language]
    : typeof message === 'string' && language === 'ar'
      ? (validationMessages[message] ?? message)
      : message;
  return { ...details, message: text };
}
