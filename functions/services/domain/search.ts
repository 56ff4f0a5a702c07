// Bilingual free-text matching: folds Arabic letter variants and diacritics, and Latin case.

const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/[أإآٱ]/g, 'ا'],
  [/ى/g, 'ي'],
  [/ئ/g, 'ي'],
  [/ؤ/g, 'و'],
  [/ة/g, 'ه'],
];

export function normalizeText(text: string): string {
  let folded = text.normalize('NFKC').toLowerCase().replace(ARABIC_MARKS, '');
  for (const [pattern, replacement] of FOLDS) {
    folded = folded.replace(pattern, replacement);
  }
  return folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function queryTokens(query: string): string[] {
  return normalizeText(query).split(' ').filter(Boolean);
}

/** Every token must occur in the text; 0 when the name matches, 1 when only the rest does, undefined otherwise. */
export function matchRank(tokens: readonly string[], name: string, text: string): number | undefined {
  if (!tokens.every((token) => text.includes(token))) {
    return undefined;
  }
  return tokens.every((token) => name.includes(token)) ? 0 : 1;
}
