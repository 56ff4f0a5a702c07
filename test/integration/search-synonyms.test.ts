// The search synonym list on the local cloud: operators extend it through the API (versioned, audited), and
// service search uses the new version within the catalogue's cache lifetime.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../lib/platform/tables';
import { api, tables, tokenFor } from '../support/api';
import { until } from '../support/wait';

const COLLOQUIAL_CAR = 'أوتومبيل';
const search = async (q: string) => (await api(`/v1/services?q=${encodeURIComponent(q)}&limit=100`)).body.items.map((item: { serviceId: string }) => item.serviceId) as string[];
const current = async () => (await api('/v1/search/synonyms')).body as { version: number; groups: string[][] };

describe('the search synonym list', () => {
  it('is public and starts as the reference list', async () => {
    const response = await api('/v1/search/synonyms');
    expect(response.status).toBe(200);
    expect(response.body.groups).toEqual(expect.arrayContaining([expect.arrayContaining(['سيارة', 'مركبة', 'car'])]));
    expect((await api('/v1/search/synonyms?version=1')).body.updatedBy).toBe('reference-package');
    expect((await api('/v1/search/synonyms?version=999999')).body.error.code).toBe('version_not_found');
  });

  it('lets operators add a word, which search then understands, on the current version, audited', async () => {
    const { version, groups } = await current();
    const operator = await tokenFor('operator');
    const carGroup = groups.findIndex((group) => group.includes('car'));
    const extended = groups.map((group, index) => (index === carGroup ? [...group, COLLOQUIAL_CAR] : group));
    expect(await search(COLLOQUIAL_CAR)).toEqual([]);

    expect((await api('/v1/search/synonyms', { method: 'PUT', token: await tokenFor('citizen'), body: { expectedVersion: version, synonyms: { groups: extended } } })).status).toBe(403);
    const stale = await api('/v1/search/synonyms', { method: 'PUT', token: operator, body: { expectedVersion: version + 3, synonyms: { groups: extended } } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'stale_version', details: { currentVersion: version } });
    // The same phrase in two groups, even spelled differently (article, taa marbuta), and a phrase with no word: refused.
    const twice = await api('/v1/search/synonyms', { method: 'PUT', token: operator, body: { expectedVersion: version, synonyms: { groups: [...extended, ['السياره', 'automobile']] } } });
    expect(twice.status).toBe(400);
    expect(twice.body.error).toMatchObject({ code: 'duplicate_synonym', details: { phrases: [expect.stringContaining('السياره')] } });
    const empty = await api('/v1/search/synonyms', { method: 'PUT', token: operator, body: { expectedVersion: version, synonyms: { groups: [...extended, ['!!', 'automobile']] } } });
    expect(empty.body.error).toMatchObject({ code: 'invalid_synonym', details: { phrases: ['!!'] } });
    const lonely = await api('/v1/search/synonyms', { method: 'PUT', token: operator, body: { expectedVersion: version, synonyms: { groups: [['automobile']] } } });
    expect(lonely.status).toBe(400);
    expect((await current()).version).toBe(version);

    const saved = await api('/v1/search/synonyms', { method: 'PUT', token: operator, body: { expectedVersion: version, synonyms: { groups: extended } } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: version + 1, updatedBy: 'operator' });
    try {
      const found = await until('search to use the new synonym list', async () => {
        const results = await search(COLLOQUIAL_CAR);
        return results.length > 0 && results;
      });
      expect(found).toContain('vehicle-registration-renewal');
      expect(found).toEqual(await search('سيارة'));

      const { Items = [] } = await tables().send(
        new QueryCommand({ TableName: tableName('local', 'audit'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'SUBJECT#search:synonyms' }, ScanIndexForward: false, Limit: 1 }),
      );
      expect(Items[0]?.record).toMatchObject({ action: 'synonyms.update', fields: [`synonyms.+${extended[carGroup]!.join(' = ')}`, `synonyms.-${groups[carGroup]!.join(' = ')}`], purpose: `version ${version + 1}` });
    } finally {
      // Other files share this cloud: the list goes back to what it was (as a new version).
      const restored = await api('/v1/search/synonyms', { method: 'PUT', token: operator, body: { expectedVersion: version + 1, synonyms: { groups } } });
      expect(restored.status).toBe(200);
    }
    await until('search to forget the word', async () => (await search(COLLOQUIAL_CAR)).length === 0);
  });
});
