// The search measured on the seeded catalogue: the real query set's recall and the rank of the right service.
import { listServices, storedSummary } from '../../functions/services/domain/catalogue';
import { compileSynonyms, normalizeText, queryTokens as tokensWith, stem } from '../../functions/services/domain/search';
import { referenceAgencies } from '../../reference/agencies';
import { synonymGroups } from '../../reference/search-synonyms';
import { referenceServices } from '../../reference/services';
import { measure, searchQueries } from '../support/search-queries';

const summaries = referenceServices.map(({ serviceId, card }) => storedSummary({ ...card, serviceId, version: 1, lifecycleStage: 'launched', priorityScore: 0 } as never, referenceAgencies));
// The reference synonym list, as the loader writes it for version 1.
const synonyms = compileSynonyms(synonymGroups);
const queryTokens = (query: string) => tokensWith(query, synonyms);
const search = async (q: string) => (await listServices(summaries, { q, limit: 100 }, synonyms)).items.map((item) => item.serviceId);

describe('Arabic and English service search', () => {
  it('folds Persian letters and Arabic-Indic and Persian digits', () => {
    expect(normalizeText('تجدید کتاب ۲۰۲۶ ٢٠٢٧')).toBe('تجديد كتاب 2026 2027');
  });

  it('strips the article, its contractions and common suffixes', () => {
    expect(['السيارة', 'للسيارات', 'والسيارة', 'بالسيارات', 'سيارة'].map((word) => stem(normalizeText(word)))).toEqual(['سيار', 'سيار', 'سيار', 'سيار', 'سيار']);
    expect(stem(normalizeText('الاجتماعي'))).toBe(stem(normalizeText('اجتماعي')));
    expect(stem('services')).toBe('service');
  });

  it('turns synonyms into one term', () => {
    expect(queryTokens('بطاقة شخصية')).toEqual(queryTokens('هوية'));
    expect(queryTokens('مركبة')).toEqual(queryTokens('car'));
    expect(tokensWith('مركبة')).not.toEqual(tokensWith('car'));
  });

  it(`finds the right service for ${searchQueries.length} real queries, in the top 3`, async () => {
    const { ranks, recall, inTop3 } = await measure(search);
    console.log(`search quality: recall ${(recall * 100).toFixed(1)}%, right service in the top 3 for ${(inTop3 * 100).toFixed(1)}% of ${ranks.length} queries`);
    expect(ranks.filter((entry) => entry.rank === 0 || entry.rank > 3)).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('ranks a service named by the query before services whose agency alone matches', async () => {
    const results = await search('جواز');
    expect(results[0]).toBe('passport-renewal');
  });
});
