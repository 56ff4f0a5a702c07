// The listing's index over one loaded catalogue (built once per loaded summaries and synonym list, kept while the
// handler's cache keeps them): the summaries in the listing's default order, and each search term's summaries
// (built on the first search).
// A listing without a query reads the ordered summaries until its page is full; a search ranks only the summaries
// that hold every query term (as a word, or the start of one): its work follows the matches, not the catalogue.
import type { SearchFields, Synonyms } from './search';

export interface CatalogueIndex<S, K = unknown> {
  /** Every summary, in the order of a listing without a query. */
  readonly ordered: ReadonlyArray<{ readonly summary: S; readonly key: K }>;
  /** Every term of every summary's fields, sorted, each once. */
  readonly terms: readonly string[];
  readonly postings: ReadonlyMap<string, readonly S[]>;
}

const built = new WeakMap<object, WeakMap<Synonyms, CatalogueIndex<never>>>();

export function catalogueIndex<S extends object, K>(
  summaries: readonly S[],
  synonyms: Synonyms,
  fieldsOf: (summary: S) => SearchFields,
  order: { key: (summary: S) => K; compare: (a: K, b: K) => number },
): CatalogueIndex<S, K> {
  const bySynonyms = built.get(summaries) ?? new WeakMap<Synonyms, CatalogueIndex<never>>();
  built.set(summaries, bySynonyms);
  const found = bySynonyms.get(synonyms) as CatalogueIndex<S, K> | undefined;
  if (found) {
    return found;
  }
  // The search terms only when a search first asks for them: normalizing and stemming every card's fields was most of
  // a cold listing's first event (bench/PERFORMANCE.md), and a listing without a query, the most common call, needs
  // only the order.
  let search: Pick<CatalogueIndex<S, K>, 'terms' | 'postings'> | undefined;
  const searchIndex = () => (search ??= postingsOf(summaries, fieldsOf));
  const index: CatalogueIndex<S, K> = {
    ordered: summaries.map((summary) => ({ summary, key: order.key(summary) })).sort((a, b) => order.compare(a.key, b.key)),
    get terms() {
      return searchIndex().terms;
    },
    get postings() {
      return searchIndex().postings;
    },
  };
  bySynonyms.set(synonyms, index as CatalogueIndex<never>);
  return index;
}

/** Each term of the summaries' fields and the summaries that hold it. */
function postingsOf<S>(summaries: readonly S[], fieldsOf: (summary: S) => SearchFields): { terms: readonly string[]; postings: ReadonlyMap<string, readonly S[]> } {
  const postings = new Map<string, S[]>();
  for (const summary of summaries) {
    const fields = fieldsOf(summary);
    for (const term of new Set([...fields.name, ...fields.description, ...fields.agency])) {
      const list = postings.get(term) ?? [];
      list.push(summary);
      postings.set(term, list);
    }
  }
  return { terms: [...postings.keys()].sort(), postings };
}

/** The summaries holding a term that is `token` or (a plain token of 3 letters or more) starts with it. */
function matching<S>(index: CatalogueIndex<S, unknown>, token: string): Set<S> {
  if (token.startsWith('~') || token.length < 3) {
    return new Set(index.postings.get(token) ?? []);
  }
  const found = new Set<S>();
  let low = 0;
  let high = index.terms.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (index.terms[middle]! < token) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  for (let at = low; at < index.terms.length && index.terms[at]!.startsWith(token); at++) {
    for (const summary of index.postings.get(index.terms[at]!) ?? []) {
      found.add(summary);
    }
  }
  return found;
}

/** The summaries that hold every token somewhere (the only ones a search can rank). */
export function candidates<S>(index: CatalogueIndex<S, unknown>, tokens: readonly string[]): S[] {
  const sets = tokens.map((token) => matching(index, token)).sort((a, b) => a.size - b.size);
  const [smallest, ...others] = sets;
  return [...(smallest ?? [])].filter((summary) => others.every((set) => set.has(summary)));
}
