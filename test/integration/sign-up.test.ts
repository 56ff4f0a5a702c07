// Sign-up of the two other kinds of account holder: a resident (permit number and passport) and a business
// representative (a citizen whom the companies register lists). Each test makes its own registry records.
import { randomInt } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../lib/platform/tables';
import { api, lastMessageTo, signInAs, tables, tokenFor } from '../support/api';
import { createBusiness, createPerson, dateFromToday, signUpBody } from '../support/fixtures';

const PASSWORD = 'Karim-Strong-2026!';
const digits = (count: number) => String(randomInt(0, 10 ** count)).padStart(count, '0');

async function createResident(permitValidUntil: string) {
  const permitNumber = `SYR${digits(7)}`;
  const fields = {
    permitNumber,
    fullName: { ar: 'كريم سمير الحلبي', en: 'Karim Samir Al-Halabi' },
    dateOfBirth: '1990-05-06',
    sex: 'male',
    nationality: 'SYR',
    passportNumber: `N${digits(8)}`,
    permitValidUntil,
    address: { governorate: 'Zarqa', city: 'Zarqa', street: 'King Abdullah Street' },
    phone: `+96279${digits(7)}`,
    email: `k${permitNumber.toLowerCase()}@residents.example`,
  };
  const created = await api('/v1/registry/residents', { method: 'POST', token: await tokenFor('officer-moi'), body: { fields } });
  expect(created.status).toBe(201);
  return fields;
}

const residentSignUp = (resident: Awaited<ReturnType<typeof createResident>>, over: object = {}) =>
  api('/v1/auth/sign-up', {
    method: 'POST',
    body: { permitNumber: resident.permitNumber, documentNumber: resident.passportNumber, dateOfBirth: resident.dateOfBirth, phone: resident.phone, email: resident.email, password: PASSWORD, ...over },
  });

async function confirm(username: string): Promise<void> {
  const code = lastMessageTo(username)?.code;
  expect(code).toMatch(/^\d{6}$/);
  expect((await api('/v1/auth/confirm', { method: 'POST', body: { username, code } })).status).toBe(200);
}

async function accountOf(kind: 'persons' | 'residents', recordId: string) {
  const { Item } = await tables().send(new GetCommand({ TableName: tableName('local', 'registry'), Key: { pk: `REC#${kind}#${recordId}`, sk: 'ACCOUNT' }, ConsistentRead: true }));
  return Item;
}

describe('a resident', () => {
  it('signs up with the permit and passport numbers, confirms, and is served their residence record', async () => {
    const resident = await createResident(dateFromToday(365));
    const signedUp = await residentSignUp(resident);
    expect(signedUp.status).toBe(201);
    expect(signedUp.body).toEqual({ username: resident.permitNumber, confirmed: false, codeDelivery: { medium: 'SMS', destination: expect.any(String) } });
    await confirm(resident.permitNumber);
    const me = await api('/v1/me', { token: await signInAs(resident.permitNumber, PASSWORD) });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'residents', recordId: resident.permitNumber, profile: { permitNumber: resident.permitNumber, nationality: 'SYR' } });
    expect(me.body.businesses).toEqual([]);
  });

  it('cannot sign up with an expired permit, a wrong passport number, or as a business representative, and gets no account', async () => {
    const expired = await createResident(dateFromToday(-1));
    const refused = await residentSignUp(expired);
    expect({ status: refused.status, code: refused.body.error?.code }).toEqual({ status: 422, code: 'permit_expired' });
    expect(await accountOf('residents', expired.permitNumber)).toBeUndefined();

    const resident = await createResident(dateFromToday(365));
    const wrongPassport = await residentSignUp(resident, { documentNumber: 'X0000000' });
    expect({ status: wrongPassport.status, code: wrongPassport.body.error?.code }).toEqual({ status: 422, code: 'identity_not_verified' });
    const asBusiness = await residentSignUp(resident, { businessRegistrationNumber: '200145678' });
    expect({ status: asBusiness.status, code: asBusiness.body.error?.code }).toEqual({ status: 400, code: 'business_link_for_citizens' });
    expect(await accountOf('residents', resident.permitNumber)).toBeUndefined();
  });
});

describe('a business representative', () => {
  it('signs up naming the business the register lists them for, and is shown it', async () => {
    const [owner, representative] = await Promise.all([createPerson(), createPerson()]);
    const registrationNumber = await createBusiness(owner, [representative]);
    const signedUp = await api('/v1/auth/sign-up', { method: 'POST', body: { ...signUpBody(representative), businessRegistrationNumber: registrationNumber } });
    expect(signedUp.status).toBe(201);
    await confirm(representative);
    const me = await api('/v1/me', { token: await signInAs(representative, signUpBody(representative).password) });
    expect(me.body).toMatchObject({ kind: 'persons', recordId: representative });
    expect(me.body.businesses).toEqual([{ registrationNumber, name: { ar: 'مخبز الياسمين', en: 'Jasmine Bakery' }, role: 'representative' }]);
  });

  it('is refused (422) for a business the register does not list them for, and gets no account', async () => {
    const [owner, stranger] = await Promise.all([createPerson(), createPerson()]);
    const registrationNumber = await createBusiness(owner, []);
    const refused = await api('/v1/auth/sign-up', { method: 'POST', body: { ...signUpBody(stranger), businessRegistrationNumber: registrationNumber } });
    expect({ status: refused.status, code: refused.body.error?.code }).toEqual({ status: 422, code: 'not_a_representative' });
    expect(await accountOf('persons', stranger)).toBeUndefined();
  });
});
