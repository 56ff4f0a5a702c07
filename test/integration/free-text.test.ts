// Free text on the local cloud: what people type is stored in one form, and invisible tricks are refused
// with 400 before anything is written.
import { api } from '../support/api';
import { type Citizen, freshCitizen } from '../support/engagement';

describe('free text through the API', () => {
  let citizen: Citizen;
  beforeAll(async () => {
    citizen = await freshCitizen();
  });
  const file = async (text: string) =>
    api('/v1/complaints', { method: 'POST', token: citizen.token, body: { category: 'digital-services', text }, headers: { 'accept-language': 'en' } });

  it.each([
    ['a right-to-left override', 'The portal shows \u202Etxt.exe when I pay'],
    ['ten zero-width spaces', '\u200b'.repeat(10)],
    ['a NUL character', 'The payment page\u0000 froze twice'],
  ])('refuses a complaint with %s and files nothing', async (_, text) => {
    const response = await file(text);
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([expect.objectContaining({ in: 'body', path: 'text' })]);
    // A new citizen: nothing filed means an empty list.
    expect((await api('/v1/me/complaints', { token: citizen.token })).body).toMatchObject({ items: [] });
  });

  it('stores text composed (NFC) and trimmed, without stray direction marks', async () => {
    const response = await file('  \u200fThe cafe\u0301 kiosk receipt printer is broken  ');
    expect(response.status).toBe(201);
    expect(response.body.text).toBe('The café kiosk receipt printer is broken');
  });
});
