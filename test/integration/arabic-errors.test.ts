// Errors in the reader's language on the local cloud: Arabic by default and for Accept-Language ar, the
// handler's English for Accept-Language en; the code and details never change with the language.
import { randomUUID } from 'node:crypto';
import { errorMessages, forbiddenReasons } from '../../lib/catalogue/error-messages';
import { api, tokenFor } from '../support/api';

const ARABIC = /[\u0600-\u06FF]/;

describe('error messages in Arabic and English', () => {
  it('answers a form problem in Arabic by default and in English when asked, the same codes either way', async () => {
    const token = await tokenFor('citizen');
    const submit = (headers: Record<string, string>) =>
      api('/v1/applications', {
        method: 'POST',
        token,
        headers: { 'idempotency-key': randomUUID(), ...headers },
        body: { serviceId: 'vehicle-registration-renewal', answers: { plateNumber: 'AB-CD', chassisNumber: 'JTDBR32E540012345' }, channel: 'portal' },
      });
    const arabic = await submit({});
    const english = await submit({ 'accept-language': 'en-GB,en;q=0.9,ar;q=0.5' });
    expect(arabic.status).toBe(400);
    expect(english.status).toBe(400);
    expect(arabic.headers.get('content-language')).toBe('ar');
    expect(english.headers.get('content-language')).toBe('en');
    expect(arabic.body.error.message).toBe(errorMessages.validation_failed.ar);
    expect(english.body.error.message).toBe('Some answers do not fit the service form');
    const shape = (details: Array<{ path: string; code: string }>) => details.map(({ path, code }) => ({ path, code }));
    expect(shape(arabic.body.error.details)).toEqual(shape(english.body.error.details));
    const plate = (details: Array<{ path: string; message: string }>) => details.find((detail) => detail.path === 'answers.plateNumber')!.message;
    expect(plate(arabic.body.error.details)).toContain('لوحة');
    expect(plate(english.body.error.details)).toContain('Jordanian plate number');
    const required = arabic.body.error.details.find((detail: { code: string }) => detail.code === 'required');
    expect(required.message).toMatch(/^الحقل «.+» مطلوب$/);
  });

  it('explains a refusal in Arabic with its reason', async () => {
    const response = await api('/v1/agencies/cspd/tasks', { token: await tokenFor('officer-dvld') });
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: 'forbidden', message: forbiddenReasons.not_your_agency!.ar, details: { reason: 'not_your_agency' } });
  });

  it('gives zod problems of a query in Arabic, naming the rule', async () => {
    const response = await api('/v1/services?limit=0', { headers: { 'accept-language': 'ar-JO' } });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([expect.objectContaining({ in: 'query', path: 'limit', code: 'too_small', message: expect.stringMatching(ARABIC) })]);
  });

  it('answers a path no route has in the reader language', async () => {
    const arabic = await api('/v1/no-such-thing');
    const english = await api('/v1/no-such-thing', { headers: { 'accept-language': 'en' } });
    expect(arabic.status).toBe(404);
    expect(arabic.body.error).toMatchObject({ code: 'route_not_found', message: expect.stringMatching(ARABIC) });
    expect(english.body.error).toMatchObject({ code: 'route_not_found', message: expect.stringContaining('/v1/no-such-thing') });
  });
});
