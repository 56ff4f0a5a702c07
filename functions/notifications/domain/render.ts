// Template text with {{variable}} placeholders, filled in one language. Rendering never fails a send: a
// placeholder without a value renders empty and is reported; the template tests keep that from happening.
import type { Language } from '../../../schemas/engagement';
import { isolate } from '../../shared/message-format';

export type Localized = Readonly<Record<Language, string>>;
export type Value = string | number | Localized;
export type Variables = Readonly<Record<string, Value>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/** A value in the message's language; in Arabic, Latin values (references, plates, phone numbers) are isolated. */
export function valueIn(value: Value, language: Language): string {
  if (typeof value === 'object') {
    return value[language];
  }
  return language === 'ar' ? isolate(String(value)) : String(value);
}

/** One pass: values are never re-read as templates, so text a citizen or officer wrote is inserted as is. */
export function render(text: string, variables: Variables, language: Language): { text: string; missing: string[] } {
  const missing: string[] = [];
  const rendered = text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = variables[name];
    if (value === undefined) {
      missing.push(name);
      return '';
    }
    return valueIn(value, language);
  });
  return { text: rendered, missing };
}

/** Cuts to `max` characters on a word boundary where one is near, with an ellipsis. */
export function shorten(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.7 ? cut.slice(0, space) : cut}…`;
}
