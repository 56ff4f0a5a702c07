import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { referenceAgencies } from '../../reference/agencies';
import { referenceServices } from '../../reference/services';
import type { ServiceCardInput, ServiceSummary } from '../../schemas/services';
import { api, tables, tokenFor } from '../support/api';

const catalogueTable = 'khidma-local-catalogue';
const baseCard = (): ServiceCardInput => structuredClone(referenceServices[0]!.card);
let counter = 0;
const newServiceId = () => `test-service-${Date.now().toString(36)}-${counter++}`;

async function listAll(query: string): Promise<ServiceSummary[]> {
  const items: ServiceSummary[] = [];
  let cursor: string | undefined;
  do {
    const response = await api(`/v1/services?${query}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
  } while (cursor);
  return items;
}

async function createService(serviceId = newServiceId(), card = baseCard()) {
  const response = await api(`/v1/services/${serviceId}`, {
    method: 'PUT',
    token: await tokenFor('operator'),
    body: { expectedVersion: 0, card },
  });
  expect(response.status).toBe(201);
  return response.body;
}

async function storedItem(serviceId: string) {
  const { Item } = await tables().send(new GetCommand({ TableName: catalogueTable, Key: { pk: `SERVICE#${serviceId}`, sk: 'CURRENT' } }));
  return Item;
}

describe('agencies', () => {
  it('lists every seeded agency with Arabic and English names', async () => {
    const response = await api('/v1/agencies');
    expect(response.status).toBe(200);
    // Every reference agency (other test files of this shared cloud may add their own, e.g. the rollout tests).
    expect(response.body.items.map((agency: { agencyId: string }) => agency.agencyId).sort()).toEqual(
      expect.arrayContaining(referenceAgencies.map((agency) => agency.agencyId).sort()),
    );
    expect(response.body.items[0].name).toEqual({ ar: expect.stringMatching(/[\u0600-\u06FF]/), en: expect.any(String) });
  });
});

describe('listing and searching services', () => {
  it('pages through the whole seeded catalogue with cursors, without repeats', async () => {
    const items = await listAll('stage=launched');
    const launched = referenceServices.filter((seed) => seed.lifecycleStage === 'launched').map((seed) => seed.serviceId);
    expect(items.map((item) => item.serviceId).sort()).toEqual(expect.arrayContaining(launched.sort()));
    expect(new Set(items.map((item) => item.serviceId)).size).toBe(items.length);
  });

  it('orders by priority score, highest first', async () => {
    const { body } = await api('/v1/services?limit=50&phase=1');
    const scores = body.items.map((item: ServiceSummary) => item.priorityScore);
    expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
  });

  it.each([
    ['agency=cspd', (s: ServiceSummary) => s.ownerAgencyId === 'cspd' || s.partnerAgencyIds.includes('cspd')],
    ['category=health', (s: ServiceSummary) => s.category === 'health'],
    ['phase=2', (s: ServiceSummary) => s.rolloutPhase === 2],
    ['stage=digitization', (s: ServiceSummary) => s.lifecycleStage === 'digitization'],
    ['beneficiary=business', (s: ServiceSummary) => s.beneficiaryTypes.includes('business')],
    ['channel=kiosk', (s: ServiceSummary) => s.channels.includes('kiosk')],
    ['channel=mobile&phase=1&beneficiary=citizen', (s: ServiceSummary) => s.channels.includes('mobile') && s.rolloutPhase === 1 && s.beneficiaryTypes.includes('citizen')],
  ])('filters by %s', async (query, predicate) => {
    const items = await listAll(query);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every(predicate)).toBe(true);
    const all = await listAll('');
    expect(items.length).toBe(all.filter(predicate).length);
  });

  it('finds services by Arabic text regardless of hamza, taa marbuta and diacritics', async () => {
    const plain = await listAll(`q=${encodeURIComponent('جواز سفر')}`);
    expect(plain.map((item) => item.serviceId)).toContain('passport-renewal');
    const variants = await listAll(`q=${encodeURIComponent('جَوَاز السّفر')}`);
    expect(variants.map((item) => item.serviceId)).toEqual(plain.map((item) => item.serviceId));
    const hamza = await listAll(`q=${encodeURIComponent('الأحوال المدنية')}`);
    const noHamza = await listAll(`q=${encodeURIComponent('الاحوال المدنيه')}`);
    expect(hamza.length).toBeGreaterThan(0);
    expect(noHamza.map((item) => item.serviceId)).toEqual(hamza.map((item) => item.serviceId));
  });

  it('finds services by English text, case-insensitively, names first', async () => {
    const items = await listAll('q=PASSPORT');
    expect(items[0]?.name.en.toLowerCase()).toContain('passport');
    const none = await listAll('q=zzqqxx-nothing');
    expect(none).toEqual([]);
  });

  it.each([
    ['cursor=not-a-cursor!', 'validation_failed'],
    ['cursor=eyJrIjpbMV19', 'invalid_cursor'],
    ['limit=0', 'validation_failed'],
    ['limit=101', 'validation_failed'],
    ['limit=ten', 'validation_failed'],
    ['phase=7', 'validation_failed'],
    ['stage=finished', 'validation_failed'],
    ['colour=blue', 'validation_failed'],
    [`q=${'x'.repeat(101)}`, 'validation_failed'],
  ])('rejects %s with 400 %s', async (query, code) => {
    const response = await api(`/v1/services?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code, message: expect.any(String), details: expect.anything() });
  });

  it('rejects a cursor issued for other filters', async () => {
    const first = await api('/v1/services?limit=2&phase=1');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const reused = await api(`/v1/services?limit=2&phase=2&cursor=${first.body.nextCursor}`);
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('invalid_cursor');
  });
});

describe('service cards and versions', () => {
  it('returns the current card and any older version', async () => {
    const serviceId = newServiceId();
    await createService(serviceId);
    const card = { ...baseCard(), name: { ar: 'اسم جديد', en: 'New name' } };
    const updated = await api(`/v1/services/${serviceId}`, { method: 'PUT', token: await tokenFor('operator'), body: { expectedVersion: 1, card } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ serviceId, version: 2, lifecycleStage: 're-engineering', updatedBy: 'operator' });

    expect((await api(`/v1/services/${serviceId}`)).body).toMatchObject({ version: 2, name: { en: 'New name' } });
    expect((await api(`/v1/services/${serviceId}?version=1`)).body).toMatchObject({ version: 1, name: baseCard().name });
    const missing = await api(`/v1/services/${serviceId}?version=3`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('version_not_found');
  });

  it('computes the priority score from the priority factors', async () => {
    const card = { ...baseCard(), priority: { annualTransactions: 1_000_000, transactionValue: 5, valueToCitizens: 5, complexity: 1, culturalValue: 5, economicValue: 5 } };
    expect((await createService(newServiceId(), card)).priorityScore).toBe(100);
  });

  it('answers 404 for an unknown service', async () => {
    const response = await api('/v1/services/no-such-service');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('service_not_found');
  });

  it('rejects a stale version with 409 and the current version, writing nothing', async () => {
    const serviceId = newServiceId();
    await createService(serviceId);
    const token = await tokenFor('operator');
    await api(`/v1/services/${serviceId}`, { method: 'PUT', token, body: { expectedVersion: 1, card: baseCard() } });
    const stale = await api(`/v1/services/${serviceId}`, { method: 'PUT', token, body: { expectedVersion: 1, card: { ...baseCard(), rolloutPhase: 6 } } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'stale_version', details: { expectedVersion: 1, currentVersion: 2 } });
    expect((await storedItem(serviceId))?.version).toBe(2);
    const again = await api(`/v1/services/${serviceId}`, { method: 'PUT', token, body: { expectedVersion: 0, card: baseCard() } });
    expect(again.status).toBe(409);
  });

  it('lets exactly one of several concurrent editors of the same version win', async () => {
    const serviceId = newServiceId();
    await createService(serviceId);
    const token = await tokenFor('operator');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api(`/v1/services/${serviceId}`, { method: 'PUT', token, body: { expectedVersion: 1, card: { ...baseCard(), rolloutPhase: (i % 6) + 1 } } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    expect((await api(`/v1/services/${serviceId}`)).body.version).toBe(2);
  });

  it('answers 404 when updating a service that does not exist', async () => {
    const response = await api(`/v1/services/${newServiceId()}`, { method: 'PUT', token: await tokenFor('operator'), body: { expectedVersion: 3, card: baseCard() } });
    expect(response.status).toBe(404);
  });
});

describe('bad input to PUT /v1/services/{serviceId} writes nothing', () => {
  const cases: Array<[string, (id: string) => { rawBody?: string; body?: unknown; headers?: Record<string, string> }, number, string]> = [
    ['invalid JSON', () => ({ rawBody: '{"expectedVersion": 0, "card": ', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json'],
    ['an empty body', () => ({ rawBody: '' }), 400, 'missing_body'],
    ['an unknown field', () => ({ body: { expectedVersion: 0, card: { ...baseCard(), colour: 'red' } } }), 400, 'validation_failed'],
    ['a wrong type', () => ({ body: { expectedVersion: '0', card: baseCard() } }), 400, 'validation_failed'],
    ['an oversized string', () => ({ body: { expectedVersion: 0, card: { ...baseCard(), name: { ar: 'ا', en: 'x'.repeat(201) } } } }), 400, 'validation_failed'],
    ['an oversized body', () => ({ body: { expectedVersion: 0, card: { ...baseCard(), description: { ar: 'ا'.repeat(4000), en: 'x'.repeat(300_000) } } } }), 413, 'payload_too_large'],
    ['an unknown agency', () => ({ body: { expectedVersion: 0, card: { ...baseCard(), ownerAgencyId: 'no-such-agency' } } }), 400, 'invalid_service_card'],
    ['a non-JSON content type', () => ({ rawBody: 'expectedVersion=0', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type'],
    ['a bad service id', () => ({ body: { expectedVersion: 0, card: baseCard() } }), 400, 'validation_failed'],
  ];

  it.each(cases)('%s', async (name, request, status, code) => {
    const serviceId = name === 'a bad service id' ? 'Bad_Id!' : newServiceId();
    const response = await api(`/v1/services/${encodeURIComponent(serviceId)}`, { method: 'PUT', token: await tokenFor('operator'), ...request(serviceId) });
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, message: expect.any(String) });
    expect(response.text).not.toMatch(/at .+\.(ts|js):\d+/);
    expect(await storedItem(serviceId)).toBeUndefined();
  });
});

describe('a card\'s versions', () => {
  it('lists every version newest first, page by page, each readable whole with ?version=N', async () => {
    const serviceId = newServiceId();
    await createService(serviceId);
    const token = await tokenFor('operator');
    for (const stage of ['feasibility-study', 'digitization', 'quality-check', 'launched']) {
      expect((await api(`/v1/services/${serviceId}/stage`, { method: 'POST', token, body: { stage } })).status).toBe(200);
    }
    const versions: Array<{ version: number; lifecycleStage: string; updatedBy: string }> = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api(`/v1/services/${serviceId}/versions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      versions.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(versions.map((entry) => [entry.version, entry.lifecycleStage])).toEqual([
      [5, 'launched'],
      [4, 'quality-check'],
      [3, 'digitization'],
      [2, 'feasibility-study'],
      [1, 're-engineering'],
    ]);
    expect(versions.every((entry) => entry.updatedBy === 'operator')).toBe(true);
    const third = await api(`/v1/services/${serviceId}?version=3`);
    expect(third.body).toMatchObject({ version: 3, lifecycleStage: 'digitization' });
  });

  it('answers 404 for an unknown service and 400 for a cursor of another service', async () => {
    expect((await api('/v1/services/no-such-service/versions')).body.error.code).toBe('service_not_found');
    const first = await api('/v1/services/passport-renewal/versions?limit=1');
    const other = await api(`/v1/services/vehicle-registration-renewal/versions?limit=1&cursor=${first.body.nextCursor ?? 'eyJrIjoxfQ'}`);
    expect(other.status).toBe(400);
    expect(other.body.error.code).toBe('invalid_cursor');
  });
});

describe('filtering by agency', () => {
  it('lists what an agency takes part in, as owner or partner, and narrows with agencyRole', async () => {
    const all = await listAll('agency=cspd');
    const owned = await listAll('agency=cspd&agencyRole=owner');
    const partnered = await listAll('agency=cspd&agencyRole=partner');
    expect(owned.length).toBeGreaterThan(0);
    expect(partnered.length).toBeGreaterThan(0);
    expect(owned.every((item) => item.ownerAgencyId === 'cspd')).toBe(true);
    expect(partnered.every((item) => item.ownerAgencyId !== 'cspd' && item.partnerAgencyIds.includes('cspd'))).toBe(true);
    expect(new Set(all.map((item) => item.serviceId))).toEqual(new Set([...owned, ...partnered].map((item) => item.serviceId)));
    const alone = await api('/v1/services?agencyRole=owner');
    expect(alone.status).toBe(400);
    expect(alone.body.error.code).toBe('agency_required');
  });
});

describe('lifecycle stages', () => {
  it('moves through the whole lifecycle in the allowed order, one version per move', async () => {
    const serviceId = newServiceId();
    await createService(serviceId);
    const token = await tokenFor('operator');
    const path = ['feasibility-study', 'digitization', 'quality-check', 'launched', 'post-launch-evaluation', 're-engineering'];
    for (const [index, stage] of path.entries()) {
      const response = await api(`/v1/services/${serviceId}/stage`, { method: 'POST', token, body: { stage } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ lifecycleStage: stage, version: index + 2 });
    }
  });

  it('refuses a jump with 409 and the allowed next stages', async () => {
    const serviceId = newServiceId();
    await createService(serviceId);
    const response = await api(`/v1/services/${serviceId}/stage`, { method: 'POST', token: await tokenFor('operator'), body: { stage: 'launched' } });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'stage_transition_not_allowed',
      details: { from: 're-engineering', to: 'launched', allowedNextStages: ['feasibility-study'] },
    });
    expect((await storedItem(serviceId))?.version).toBe(1);
  });

  it('honours expectedVersion on a stage change', async () => {
    const serviceId = newServiceId();
    await createService(serviceId);
    const response = await api(`/v1/services/${serviceId}/stage`, { method: 'POST', token: await tokenFor('operator'), body: { stage: 'feasibility-study', expectedVersion: 5 } });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('stale_version');
  });
});
