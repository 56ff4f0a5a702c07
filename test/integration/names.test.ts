// The four-part name in the national registry, on the local cloud: CSPD records it, the full name follows it.
import { api, tokenFor } from '../support/api';
import { freshNationalNumber, personFields } from '../support/fixtures';

const part = (ar: string, en?: string) => (en ? { ar, en } : { ar });

describe('four-part names', () => {
  const create = async (fields: Record<string, unknown>) =>
    api('/v1/registry/persons', { method: 'POST', token: await tokenFor('officer-cspd'), body: { fields }, headers: { 'accept-language': 'en' } });
  const read = async (nationalNumber: string) =>
    api(`/v1/registry/persons/${nationalNumber}?fields=name,fullName&purpose=${encodeURIComponent('identity check')}`, { token: await tokenFor('officer-cspd') });

  it('keeps the four parts and shows the full name made from them, in English only when every part has it', async () => {
    const nationalNumber = freshNationalNumber();
    const { fullName: _, ...rest } = personFields(nationalNumber);
    const name = { first: part('محمد', 'Mohammad'), father: part('عبد الله', 'Abdullah'), grandfather: part('سالم'), family: part('العمري', 'Al-Omari') };
    const created = await create({ ...rest, name });
    expect(created.status).toBe(201);
    expect((await read(nationalNumber)).body.fields).toEqual({ name, fullName: { ar: 'محمد عبد الله سالم العمري' } });

    const update = await api(`/v1/registry/persons/${nationalNumber}`, {
      method: 'PUT',
      token: await tokenFor('officer-cspd'),
      body: { expectedVersion: 1, fields: { name: { ...name, grandfather: part('سالم', 'Salem') } } },
    });
    expect(update.status).toBe(200);
    expect((await read(nationalNumber)).body.fields.fullName).toEqual({ ar: 'محمد عبد الله سالم العمري', en: 'Mohammad Abdullah Salem Al-Omari' });

    const contradicting = await api(`/v1/registry/persons/${nationalNumber}`, {
      method: 'PUT',
      token: await tokenFor('officer-cspd'),
      body: { expectedVersion: 2, fields: { fullName: { ar: 'اسم آخر', en: 'Another Name' } } },
    });
    expect(contradicting.status).toBe(400);
    expect(contradicting.body.error.details).toEqual([expect.objectContaining({ path: 'fields.fullName', code: 'follows_name' })]);
  });

  it('refuses a record with no name, and a part that is not Arabic', async () => {
    const { fullName: _, ...rest } = personFields(freshNationalNumber());
    const nameless = await create(rest);
    expect(nameless.status).toBe(400);
    expect(nameless.body.error.details).toEqual([expect.objectContaining({ path: 'fields.name', code: 'required' })]);
    const latin = await create({ ...rest, name: { first: part('Omar'), father: part('خالد'), grandfather: part('محمود'), family: part('الحداد') } });
    expect(latin.status).toBe(400);
    expect(latin.body.error.details).toEqual([expect.objectContaining({ path: 'fields.name.first.ar' })]);
  });

  it('seeds the demo citizens with their four-part names', async () => {
    const omar = await read('9861012345');
    expect(omar.body.fields.fullName).toEqual({ ar: 'عمر خالد محمود الحداد', en: 'Omar Khaled Mahmoud Haddad' });
  });
});
