// The listing's index: its order at once, its search terms only when a search first asks (a listing without a
// query, the common call, never normalizes and stems every card), each built once per loaded catalogue.
import { candidates, catalogueIndex } from '../../functions/services/domain/catalogue-index';
import { noSynonyms, type SearchFields } from '../../functions/services/domain/search';

const summaries = [
  { id: 'c', words: ['birth', 'certificate'] },
  { id: 'a', words: ['passport', 'renewal'] },
  { id: 'b', words: ['vehicle', 'renewal'] },
];
const order = { key: (summary: { id: string }) => summary.id, compare: (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0) };

it('orders the summaries at once and builds the search terms on the first search only, once', () => {
  let fieldsRead = 0;
  const fieldsOf = (summary: (typeof summaries)[number]): SearchFields => {
    fieldsRead += 1;
    return { name: summary.words, description: [], agency: [] };
  };
  const index = catalogueIndex(summaries, noSynonyms, fieldsOf, order);
  expect(index.ordered.map((entry) => entry.summary.id)).toEqual(['a', 'b', 'c']);
  expect(fieldsRead).toBe(0);
  expect(candidates(index, ['renewal']).map((summary) => summary.id)).toEqual(['a', 'b']);
  expect(fieldsRead).toBe(summaries.length);
  expect(candidates(index, ['cert']).map((summary) => summary.id)).toEqual(['c']);
  expect(candidates(index, ['renewal', 'vehicle']).map((summary) => summary.id)).toEqual(['b']);
  expect(index.terms).toEqual(['birth', 'certificate', 'passport', 'renewal', 'vehicle']);
  expect(catalogueIndex(summaries, noSynonyms, fieldsOf, order)).toBe(index);
  expect(fieldsRead).toBe(summaries.length);
});
