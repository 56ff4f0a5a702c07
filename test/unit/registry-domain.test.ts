import { listServices, type StoredSummary } from '../../functions/services/domain/catalogue';
import { allowedNextStages, canMove } from '../../functions/services/domain/lifecycle';
import { priorityScore } from '../../functions/services/domain/priority';
import { documentTerms, matchRank, normalizeText, queryTokens } from '../../functions/services/domain/search';
import { lifecycleStages } from '../../schemas/services';

function summary(serviceId: string, overrides: Partial<StoredSummary> = {}): StoredSummary {
  return {
    serviceId,
    version: 1,
    name: { ar: 'خدمة', en: 'Service' },
    ownerAgencyId: 'cspd',
    partnerAgencyIds: [],
    category: 'civil-status',
    beneficiaryTypes: ['citizen'],
    channels: ['portal'],
    lifecycleStage: 'launched',
    rolloutPhase: 1,
    priorityScore: 50,
    feesJod: 1,
    nameText: normalizeText(`خدمة Service ${serviceId}`),
    searchText: normalizeText(`خدمة Service ${serviceId}`),
    ...overrides,
  };
}

describe('bilingual search normalization', () => {
  it('folds hamza forms, alef maqsura, taa marbuta, diacritics and tatweel', () => {
    expect(normalizeText('إصدار جَوَاز سفـــر للأحوال المدنيّة')).toBe(normalizeText('اصدار جواز سفر للاحوال المدنيه'));
    expect(normalizeText('مستشفى')).toBe(normalizeText('مستشفي'));
  });

  it('lowercases Latin text and drops punctuation', () => {
    expect(queryTokens('  Passport,  RENEWALS! ')).toEqual(queryTokens('passport renewal'));
  });

  it('ranks name matches before description matches, those before agency matches, and rejects partial matches', () => {
    const fields = { name: documentTerms('passport renewal'), description: documentTerms('passport renewal for adults'), agency: documentTerms('Civil Status and Passports Department') };
    expect(matchRank(['passport'], fields)).toBe(0);
    expect(matchRank(['adult'], fields)).toBe(4);
    expect(matchRank(['civil'], fields)).toBe(8);
    expect(matchRank(['passport', 'tax'], fields)).toBeUndefined();
  });
});

describe('priority score', () => {
  it('is 0 for the weakest and 100 for the strongest candidate', () => {
    expect(priorityScore({ annualTransactions: 0, transactionValue: 1, valueToCitizens: 1, complexity: 5, culturalValue: 1, economicValue: 1 })).toBe(0);
    expect(priorityScore({ annualTransactions: 5_000_000, transactionValue: 5, valueToCitizens: 5, complexity: 1, culturalValue: 5, economicValue: 5 })).toBe(100);
  });

  it('grows with transaction volume and falls with complexity', () => {
    const base = { annualTransactions: 1000, transactionValue: 3, valueToCitizens: 3, complexity: 3, culturalValue: 3, economicValue: 3 };
    expect(priorityScore({ ...base, annualTransactions: 100_000 })).toBeGreaterThan(priorityScore(base));
    expect(priorityScore({ ...base, complexity: 5 })).toBeLessThan(priorityScore(base));
  });
});

describe('lifecycle order', () => {
  it('reaches every stage and never allows staying put', () => {
    for (const stage of lifecycleStages) {
      expect(canMove(stage, stage)).toBe(false);
      expect(lifecycleStages.some((from) => canMove(from, stage))).toBe(true);
    }
    expect(allowedNextStages['re-engineering']).toEqual(['feasibility-study']);
    expect(canMove('digitization', 'launched')).toBe(false);
  });
});

describe('listServices', () => {
  const summaries = Array.from({ length: 25 }, (_, i) =>
    summary(`svc-${String(i).padStart(2, '0')}`, { priorityScore: i % 5, rolloutPhase: (i % 6) + 1 }),
  );

  it('pages by priority then id, with a cursor that resumes exactly after the last item', async () => {
    const first = await listServices(summaries, { limit: 10 });
    const second = await listServices(summaries, { limit: 10, cursor: first.nextCursor });
    const third = await listServices(summaries, { limit: 10, cursor: second.nextCursor });
    const ids = [...first.items, ...second.items, ...third.items].map((s) => s.serviceId);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    expect(third.nextCursor).toBeUndefined();
    expect(first.items[0]!.priorityScore).toBe(4);
  });

  it('does not leak search fields', async () => {
    const page = await listServices(summaries, { limit: 1 });
    expect(Object.keys(page.items[0]!)).not.toEqual(expect.arrayContaining(['searchText']));
    expect(page.items[0]).not.toHaveProperty('nameText');
  });

  it('rejects a cursor from other filters and a forged cursor', async () => {
    const page = await listServices(summaries, { limit: 2, phase: 1 });
    await expect(listServices(summaries, { limit: 2, phase: 2, cursor: page.nextCursor })).rejects.toMatchObject({ status: 400, code: 'invalid_cursor' });
    const forged = Buffer.from(JSON.stringify({ k: [0, 'x', 1], f: 'nope' })).toString('base64url');
    await expect(listServices(summaries, { cursor: forged })).rejects.toMatchObject({ code: 'invalid_cursor' });
  });
});
