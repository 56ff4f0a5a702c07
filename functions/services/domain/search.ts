// Bilingual service search. Text is folded (hamza forms, taa marbuta, alef maqsura, Persian letters, harakat,
// tatweel, Arabic-Indic and Persian digits, Latin case), lightly stemmed (the article and its contractions,
// common suffixes), and phrases of one synonym group become one term. A query matches when each of its terms
// is in the service's name, description or agency; the rank says where (the name first, the agency last).
import { latinDigits } from '../../shared/digits';

const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g;
const FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/[أإآٱ]/g, 'ا'],
  [/[ىئیۍ]/g, 'ي'],
  [/ؤ/g, 'و'],
  [/[ةۀ]/g, 'ه'],
  [/ک/g, 'ك'],
];

export function normalizeText(text: string): string {
  let folded = latinDigits(text).normalize('NFKC').toLowerCase().replace(ARABIC_MARKS, '');
  for (const [pattern, replacement] of FOLDS) {
    folded = folded.replace(pattern, replacement);
  }
  return folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const ARTICLES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const SUFFIXES = ['ات', 'ون', 'ين', 'ان', 'يه', 'ها', 'ه', 'ي'];
const STOPWORDS = new Set(['في', 'من', 'علي', 'عن', 'الي', 'او', 'و', 'مع', 'the', 'of', 'for', 'a', 'an', 'and', 'to', 'in', 'my', 'how', 'i', 'on', 'with', 'get', 'apply']);

/** A light stemmer: strips one article (keeping two letters) and one suffix (keeping three); English loses a plural s. */
export function stem(word: string): string {
  if (/^[a-z]+$/.test(word)) {
    return word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word) ? word.slice(0, -1) : word;
  }
  let result = word;
  const article = ARTICLES.find((prefix) => result.startsWith(prefix) && result.length - prefix.length >= 2);
  if (article) {
    result = result.slice(article.length);
  }
  const suffix = SUFFIXES.find((ending) => result.endsWith(ending) && result.length - ending.length >= 3);
  return suffix ? result.slice(0, -suffix.length) : result;
}

const words = (text: string) => normalizeText(text).split(' ').filter(Boolean).map(stem);

/** Synonym groups ready for matching: each phrase as its stems, longest first, with its group's term. */
export interface Synonyms {
  readonly phrases: readonly { readonly stems: readonly string[]; readonly term: string }[];
}

export function compileSynonyms(groups: readonly (readonly string[])[]): Synonyms {
  const phrases = groups
    .flatMap((group, index) => group.map((phrase) => ({ stems: words(phrase), term: `~${index}` })))
    .filter(({ stems }) => stems.length > 0)
    .sort((a, b) => b.stems.length - a.stems.length);
  return { phrases };
}

export const noSynonyms: Synonyms = compileSynonyms([]);

/** A phrase's normalized form, the way two phrases are compared (one phrase may not be in two groups). */
export const phraseKey = (phrase: string): string => words(phrase).join(' ');

const phraseAt = (synonyms: Synonyms, tokens: readonly string[], at: number) =>
  synonyms.phrases.find(({ stems }) => stems.every((part, offset) => tokens[at + offset] === part));

/** A text's searchable terms: its stems, and the synonym term of every phrase in it. */
export function documentTerms(text: string, synonyms: Synonyms = noSynonyms): string[] {
  const tokens = words(text);
  const terms = tokens.map((_, at) => phraseAt(synonyms, tokens, at)?.term).filter((term): term is string => term !== undefined);
  return [...tokens, ...terms];
}

/** A query's terms: phrases of a synonym group become the group's term; little words are dropped. */
export function queryTokens(query: string, synonyms: Synonyms = noSynonyms): string[] {
  const all = normalizeText(query).split(' ').filter(Boolean);
  const meaningful = all.filter((word) => !STOPWORDS.has(word));
  const tokens = (meaningful.length > 0 ? meaningful : all).map(stem);
  const terms: string[] = [];
  for (let at = 0; at < tokens.length; ) {
    const phrase = phraseAt(synonyms, tokens, at);
    terms.push(phrase ? phrase.term : tokens[at]!);
    at += phrase ? phrase.stems.length : 1;
  }
  return [...new Set(terms)];
}

export interface SearchFields {
  readonly name: readonly string[];
  readonly description: readonly string[];
  readonly agency: readonly string[];
}

const FIELD_WEIGHT = 4;

/** How well one term matches a field's terms: 0 exact, 1 as the start of a longer word, undefined not at all. */
function termMatch(term: string, field: readonly string[]): number | undefined {
  if (field.includes(term)) {
    return 0;
  }
  return !term.startsWith('~') && term.length >= 3 && field.some((candidate) => candidate.startsWith(term)) ? 1 : undefined;
}

/** Every term must match somewhere; the rank adds up where (name 0, description 1, agency 2) and how exactly. Lower ranks first. */
export function matchRank(tokens: readonly string[], fields: SearchFields): number | undefined {
  let rank = 0;
  for (const token of tokens) {
    const levels = [fields.name, fields.description, fields.agency].map((field, level) => {
      const match = termMatch(token, field);
      return match === undefined ? undefined : level * FIELD_WEIGHT + match;
    });
    const best = Math.min(...levels.filter((level): level is number => level !== undefined));
    if (!Number.isFinite(best)) {
      return undefined;
    }
    rank += best;
  }
  return rank;
}
