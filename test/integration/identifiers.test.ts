// Identifiers typed with an Arabic keyboard reach the API converted: a plate in an application's answers and a
// national number in a registry path, on the local cloud.
import { randomUUID } from 'node:crypto';
import { api, tokenFor } from '../support/api';

const arabicDigits = (text: string) => text.replace(/\d/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));

describe('identifiers in Arabic-Indic digits', () => {
  it('stores a plate typed ١٢-٣٤٥٦٧ as 12-34567 and refuses one that is not a plate', async () => {
    const token = await tokenFor('citizen');
    const body = (plateNumber: string) => ({
      serviceId: 'vehicle-registration-renewal',
      answers: { plateNumber, chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881' },
      channel: 'portal',
    });
    const submitted = await api('/v1/applications', { method: 'POST', token, body: body('١٢-٣٤٥٦٧'), headers: { 'idempotency-key': randomUUID() } });
    expect(submitted.status).toBe(201);
    expect(submitted.body.answers.plateNumber).toBe('12-34567');
    const refused = await api('/v1/applications', { method: 'POST', token, body: body('AB-CD'), headers: { 'idempotency-key': randomUUID() } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'answers.plateNumber', code: 'invalid_answer' })]);
  });

  it('reads a registry record by a national number typed in Arabic-Indic digits', async () => {
    const response = await api(`/v1/registry/persons/${encodeURIComponent(arabicDigits('9861012345'))}?fields=dateOfBirth&purpose=${encodeURIComponent('identity check')}`, {
      token: await tokenFor('officer-cspd'),
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ recordId: '9861012345' });
  });
});
