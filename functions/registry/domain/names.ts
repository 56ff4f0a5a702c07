// The Arabic four-part name (الاسم الرباعي: first, father, grandfather, family), each part in Arabic with an
// optional English spelling. A record that has it shows `fullName` made from it: the parts joined, in
// Arabic always and in English when every part has an English spelling. Records from before keep the
// `fullName` they were given.
import type { Localized } from '../../shared/language';

export interface NamePart {
  readonly ar: string;
  readonly en?: string;
}
export interface FourPartName {
  readonly first: NamePart;
  readonly father: NamePart;
  readonly grandfather: NamePart;
  readonly family: NamePart;
}
export interface FullName {
  readonly ar: string;
  readonly en?: string;
}

const ORDER = ['first', 'father', 'grandfather', 'family'] as const;

export function fullNameOf(name: FourPartName): FullName {
  const parts = ORDER.map((part) => name[part]);
  const english = parts.every((part) => part.en) ? parts.map((part) => part.en).join(' ') : undefined;
  return { ar: parts.map((part) => part.ar).join(' '), ...(english ? { en: english } : {}) };
}

interface NameProblem {
  readonly in: 'body';
  readonly path: string;
  readonly code: string;
  readonly message: Localized;
}

/**
 * Fills `fullName` from `name` (persons and residents). A `fullName` sent that the name does not make is a
 * problem (the name decides), and so is a record with neither.
 */
export function withFullName(data: Record<string, unknown>, sent: Readonly<Record<string, unknown>>): NameProblem[] {
  if (!('fullName' in data) && !('name' in data) && !('fullName' in sent)) {
    return [{ in: 'body', path: 'fields.name', code: 'required', message: { en: 'give the four-part name (or fullName)', ar: 'أدخل الاسم الرباعي' } }];
  }
  const name = data.name as FourPartName | undefined;
  if (!name) {
    return [];
  }
  const derived = fullNameOf(name);
  const given = sent.fullName as FullName | undefined;
  if (given && (given.ar !== derived.ar || (given.en !== undefined && given.en !== derived.en))) {
    return [
      {
        in: 'body',
        path: 'fields.fullName',
        code: 'follows_name',
        message: { en: `fullName is made from name (${derived.ar}); change name instead`, ar: `الاسم الكامل يُؤخذ من الاسم الرباعي (${derived.ar})؛ عدّل الاسم الرباعي` },
      },
    ];
  }
  data.fullName = derived;
  return [];
}
