// Short references on the local cloud: every application gets one, and staff find the application by it
// as a citizen reads it out over the phone.
import { api, tokenFor } from '../support/api';
import { freshCitizen, submitVehicleRenewal } from '../support/engagement';

const arabicDigits = (text: string) => text.replace(/\d/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));

describe('short application references', () => {
  let applicationId: string;
  let reference: string;
  let citizen: { token: string };

  beforeAll(async () => {
    citizen = await freshCitizen();
    applicationId = await submitVehicleRenewal(citizen.token);
    reference = (await api(`/v1/applications/${applicationId}`, { token: citizen.token })).body.reference;
  });

  it('gives every application a reference of the owner agency and the Amman year, shown in the list too', async () => {
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Amman', year: '2-digit' }).format(new Date());
    expect(reference).toMatch(new RegExp(`^DVLD-${year}-[0-9A-HJKMNP-TV-Z]{6}-[0-9A-HJKMNP-TV-Z]$`));
    const list = await api('/v1/me/applications?limit=5', { token: citizen.token });
    expect(list.body.items.find((item: { applicationId: string }) => item.applicationId === applicationId)?.reference).toBe(reference);
  });

  it('lets an officer of the agency find the application by its reference, however it is typed', async () => {
    const officer = await tokenFor('officer-dvld');
    const spoken = arabicDigits(reference.toLowerCase().replace(/-/g, ' '));
    for (const typed of [reference, spoken]) {
      const found = await api(`/v1/applications/${encodeURIComponent(typed)}`, { token: officer });
      expect({ status: found.status, applicationId: found.body.applicationId, typed, error: found.body.error }).toEqual({ status: 200, applicationId, typed, error: undefined });
    }
  });

  it('answers 404 for a wrong check character and hides other people’s applications', async () => {
    const [agency, year, chars, check] = reference.split('-') as [string, string, string, string];
    const wrong = `${agency}-${year}-${chars}-${check === '0' ? '1' : '0'}`;
    expect((await api(`/v1/applications/${wrong}`, { token: citizen.token })).body.error.code).toBe('application_not_found');
    const other = await freshCitizen();
    expect((await api(`/v1/applications/${reference}`, { token: other.token })).status).toBe(404);
    expect((await api(`/v1/applications/${reference}`, { token: await tokenFor('officer-cspd') })).status).toBe(404);
  });

  it('refuses what is neither an id nor a reference with 400', async () => {
    const response = await api('/v1/applications/not-a-reference!', { token: citizen.token });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
  });
});
