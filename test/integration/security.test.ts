// Issue 13's defects, each attacked the way it was found, against the local cloud.
import { randomInt, randomUUID } from 'node:crypto';
import http from 'node:http';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { publicAuthPerClient } from '../../lib/catalogue/registry';
import { tableName } from '../../lib/platform/tables';
import { UNCONFIRMED_CLAIM_HOURS } from '../../functions/registry/domain/sign-up';
import { signInLockout } from '../../local/cognito/sign-in-lockout';
import { api, cloudState, lastMessageTo, signInAs, tables, tokenFor } from '../support/api';
import { createPerson, dateFromToday, freshNationalNumber, freshPersonProof, personFields, signUpBody, signUpPerson } from '../support/fixtures';

const VEHICLE = {
  serviceId: 'vehicle-registration-renewal',
  answers: { plateNumber: '12-34567', chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881' },
  channel: 'service-centre',
} as const;

/** A fresh person with a confirmed account, signed in. */
async function freshCitizen(): Promise<{ nationalNumber: string; token: string }> {
  const nationalNumber = await createPerson();
  const { code } = await signUpPerson(nationalNumber);
  expect((await api('/v1/auth/confirm', { method: 'POST', body: { username: nationalNumber, code } })).status).toBe(200);
  return { nationalNumber, token: await signInAs(nationalNumber, signUpBody(nationalNumber).password) };
}

async function consentTo(token: string, grant: { serviceCentreId?: string; agencyId?: string; fields: string[]; purpose: string }, days = 30): Promise<string> {
  const response = await api('/v1/consents', { method: 'POST', token, body: { ...grant, expiresAt: dateFromToday(days) } });
  expect(response.status).toBe(201);
  return response.body.consentId as string;
}

const assist = async (nationalNumber: string) =>
  api('/v1/applications', {
    method: 'POST',
    token: await tokenFor('frontline'),
    body: { ...VEHICLE, onBehalfOf: { nationalNumber } },
    headers: { 'idempotency-key': randomUUID() },
  });

describe('1. staff acting for a citizen get exactly what the consent covers', () => {
  it('refuses an assisted application whose service the centre consent does not name, or whose fields it does not cover, naming them', async () => {
    const citizen = await freshCitizen();
    // The service's registry fields, but for another purpose.
    await consentTo(citizen.token, { serviceCentreId: 'amman-central', fields: ['fullName', 'phone', 'familyBookNumber'], purpose: 'help with a passport renewal' });
    const unnamed = await assist(citizen.nationalNumber);
    expect(unnamed.status).toBe(403);
    expect(unnamed.body.error).toMatchObject({ code: 'consent_required', details: { reason: 'purpose_not_covered', missingFields: ['fullName', 'phone'] } });
    // The service named, one of its fields left out.
    await consentTo(citizen.token, { serviceCentreId: 'amman-central', fields: ['fullName'], purpose: 'Vehicle registration renewal at the centre' });
    const short = await assist(citizen.nationalNumber);
    expect(short.status).toBe(403);
    expect(short.body.error).toMatchObject({ code: 'consent_required', details: { reason: 'fields_not_covered', missingFields: ['phone'], serviceId: VEHICLE.serviceId } });
  });

  it('prefills only the consented fields, gives the agencies no longer than the centre consent, and hides them from staff once it is revoked', async () => {
    const citizen = await freshCitizen();
    const centreConsent = await consentTo(citizen.token, { serviceCentreId: 'amman-central', fields: ['fullName', 'phone'], purpose: 'Vehicle registration renewal' }, 20);
    const assisted = await assist(citizen.nationalNumber);
    expect(assisted.status).toBe(201);
    expect(Object.keys(assisted.body.prefill).sort()).toEqual(['person.fullName', 'person.nationalNumber', 'person.phone']);
    const { applicationId } = assisted.body;

    const consents = (await api('/v1/me/consents', { token: citizen.token })).body.items as Array<{ consentId: string; grantee: { id: string }; expiresAt: string; fields: string[] }>;
    const agencies = consents.filter((consent) => assisted.body.consentIds.includes(consent.consentId));
    expect(agencies.map((consent) => consent.grantee.id).sort()).toEqual(['dvld', 'gam']);
    for (const consent of agencies) {
      expect(consent.fields).not.toContain('familyBookNumber');
      expect(consent.expiresAt <= dateFromToday(20)).toBe(true);
    }

    const frontline = await tokenFor('frontline');
    expect((await api(`/v1/applications/${applicationId}`, { token: frontline })).body.prefill['person.phone']).toBeDefined();
    expect((await api(`/v1/consents/${centreConsent}`, { method: 'DELETE', token: citizen.token })).status).toBe(200);
    const afterRevoke = await api(`/v1/applications/${applicationId}`, { token: frontline });
    expect(afterRevoke.status).toBe(200);
    expect(afterRevoke.body.prefill).toEqual({ 'person.nationalNumber': citizen.nationalNumber });
    expect(afterRevoke.body.prefillWithheld.sort()).toEqual(['person.fullName', 'person.phone']);
    // The citizen still sees their own data; an agency still under its consent too, until that is revoked.
    expect(Object.keys((await api(`/v1/applications/${applicationId}`, { token: citizen.token })).body.prefill)).toHaveLength(3);
    const gam = await tokenFor('officer-gam');
    expect((await api(`/v1/applications/${applicationId}`, { token: gam })).body.prefill['person.fullName']).toBeDefined();
    const gamConsent = agencies.find((consent) => consent.grantee.id === 'gam')!.consentId;
    expect((await api(`/v1/consents/${gamConsent}`, { method: 'DELETE', token: citizen.token })).status).toBe(200);
    expect((await api(`/v1/applications/${applicationId}`, { token: gam })).body.prefillWithheld.sort()).toEqual(['person.fullName', 'person.phone']);
  });
});

describe('2. confirming a sign-up tells nobody whether an account exists', () => {
  it('answers every failure with the same 400, for a number with no account, a wrong code and a confirmed account', async () => {
    const pending = await signUpPerson(await createPerson());
    const confirmed = await freshCitizen();
    const wrong = (code: string) => (code === '000000' ? '111111' : '000000');
    const answers = await Promise.all(
      [
        { username: freshNationalNumber(), code: '123456' },
        { username: pending.username, code: wrong(pending.code) },
        { username: confirmed.nationalNumber, code: '123456' },
      ].map((body) => api('/v1/auth/confirm', { method: 'POST', body })),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(answers[0]!.body);
    }
    expect(answers[0]!.body.error.code).toBe('invalid_code');
  });
});

/** POST from another loopback address: the gateway sees another client (source IP), as API Gateway would. */
function postFrom(localAddress: string, path: string, body: unknown): Promise<{ status: number; retryAfter?: string; body: any }> {
  const url = new URL(path, cloudState().apiUrl);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] as string | undefined, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

describe('3. attempt limits', () => {
  it('locks a username out of confirmation after five codes, concurrent guesses included, whether or not the account exists', async () => {
    const { username, code } = await signUpPerson(await createPerson());
    const wrong = code === '000000' ? '111111' : '000000';
    const guesses = await Promise.all(Array.from({ length: 20 }, () => api('/v1/auth/confirm', { method: 'POST', body: { username, code: wrong } })));
    expect(guesses.filter((guess) => guess.status === 400)).toHaveLength(5);
    expect(guesses.filter((guess) => guess.status === 429)).toHaveLength(15);
    const right = await api('/v1/auth/confirm', { method: 'POST', body: { username, code } });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('too_many_attempts');
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);

    const nobody = freshNationalNumber();
    const answers = [];
    for (let i = 0; i < 6; i++) {
      answers.push((await api('/v1/auth/confirm', { method: 'POST', body: { username: nobody, code: wrong } })).status);
    }
    expect(answers).toEqual([400, 400, 400, 400, 400, 429]);
  });

  it('limits each client on the public auth routes, malformed requests included, with 429 and Retry-After', async () => {
    const client = `127.0.${randomInt(1, 250)}.${randomInt(2, 250)}`;
    const { limit } = publicAuthPerClient;
    const answers: number[] = [];
    for (let sent = 0; sent < limit; sent += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, limit - sent) }, () => postFrom(client, '/v1/auth/sign-up', {})));
      answers.push(...batch.map((answer) => answer.status));
    }
    expect(new Set(answers)).toEqual(new Set([400]));
    const over = await postFrom(client, '/v1/auth/sign-up', signUpBody(freshNationalNumber()));
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('too_many_requests');
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    // Another client is not held up by this one.
    expect((await postFrom(`127.0.${randomInt(1, 250)}.1`, '/v1/auth/sign-up', {})).status).toBe(400);
  });

  it('locks a username out of sign-in after five wrong passwords, the right one included', async () => {
    const citizen = await freshCitizen();
    for (let i = 0; i < signInLockout.failures; i++) {
      await expect(signInAs(citizen.nationalNumber, 'Wrong-Password-2026!')).rejects.toThrow();
    }
    await expect(signInAs(citizen.nationalNumber, signUpBody(citizen.nationalNumber).password)).rejects.toThrow('Password attempts exceeded');
  });
});

describe('4. sign-up squatting', () => {
  it('sends the code to the registry contact, and lets the real person take over a claim never confirmed after 24 hours', async () => {
    const nationalNumber = await createPerson();
    const squatter = { ...signUpBody(nationalNumber), phone: '+962795550000', email: 'squatter@elsewhere.example', password: 'Squatter-2026!x' };
    expect((await api('/v1/auth/sign-up', { method: 'POST', body: squatter })).status).toBe(201);
    const sent = lastMessageTo(nationalNumber)!;
    expect([freshPersonProof.phone, freshPersonProof.email]).toContain(sent.destination);

    // Within the day the claim stands; the real person is told it lapses.
    const early = await api('/v1/auth/sign-up', { method: 'POST', body: signUpBody(nationalNumber) });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('already_registered');

    // A day later (the claim's own clock moved back, not the test's): the real person signs up, confirms and signs in.
    const claimKey = { pk: `REC#persons#${nationalNumber}`, sk: 'ACCOUNT' };
    const dayAgo = new Date(Date.now() - (UNCONFIRMED_CLAIM_HOURS * 3600 + 60) * 1000).toISOString();
    await tables().send(new UpdateCommand({ TableName: tableName('local', 'registry'), Key: claimKey, UpdateExpression: 'SET createdAt = :at', ExpressionAttributeValues: { ':at': dayAgo } }));
    const { code } = await signUpPerson(nationalNumber);
    expect((await api('/v1/auth/confirm', { method: 'POST', body: { username: nationalNumber, code } })).status).toBe(200);
    const token = await signInAs(nationalNumber, signUpBody(nationalNumber).password);
    expect((await api('/v1/me', { token })).status).toBe(200);
    await expect(signInAs(nationalNumber, squatter.password)).rejects.toThrow();

    // A confirmed account is never released, however old.
    await tables().send(new UpdateCommand({ TableName: tableName('local', 'registry'), Key: claimKey, UpdateExpression: 'SET createdAt = :at', ExpressionAttributeValues: { ':at': dayAgo } }));
    expect((await api('/v1/auth/sign-up', { method: 'POST', body: squatter })).status).toBe(409);
  });
});

describe('5. the audit trail records refused reads', () => {
  it('appends a denied registry read to the subject’s chain, and the chain still verifies', async () => {
    const nationalNumber = await createPerson();
    const purpose = `probing ${randomUUID()}`;
    const refused = await api(`/v1/registry/persons/${nationalNumber}?fields=familyBookNumber&purpose=${encodeURIComponent(purpose)}`, { token: await tokenFor('officer-ssc') });
    expect(refused.status).toBe(403);
    const auditor = await tokenFor('auditor');
    const trail = await api(`/v1/audit?subject=persons:${nationalNumber}`, { token: auditor });
    expect(trail.body.items.find((record: { purpose?: string }) => record.purpose === purpose)).toMatchObject({
      action: 'registry.read-denied',
      actor: { role: 'officer', agencyId: 'ssc' },
      fields: ['familyBookNumber'],
    });
    expect((await api(`/v1/audit/verify?subject=persons:${nationalNumber}`, { token: auditor })).body.valid).toBe(true);
  });
});

describe('6. registry writes refuse impossible values', () => {
  it.each([
    ['a 30th of February', { dateOfBirth: '2001-02-30' }, 'invalid_date'],
    ['a 13th month', { dateOfBirth: '2024-13-45' }, 'invalid_date'],
    ['a birth in the future', { dateOfBirth: dateFromToday(2) }, 'date_in_future'],
  ])('refuses a person with %s', async (_label, change, code) => {
    const response = await api('/v1/registry/persons', { method: 'POST', token: await tokenFor('officer-cspd'), body: { fields: { ...personFields(freshNationalNumber()), ...change } } });
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((detail: { code: string }) => detail.code)).toContain(code);
  });

  it('refuses business owners whose shares add up to more than 100 %', async () => {
    const [a, b] = [await createPerson(), await createPerson()];
    const business = {
      registrationNumber: String(randomInt(100_000_000, 999_999_999)),
      name: { ar: 'شركة', en: 'Company' },
      legalType: 'llc',
      owners: [{ nationalNumber: a, sharePercent: 60 }, { nationalNumber: b, sharePercent: 60 }],
      representatives: [],
      registeredOn: '2020-01-01',
      status: 'active',
      address: { governorate: 'Amman', city: 'Amman' },
    };
    const response = await api('/v1/registry/businesses', { method: 'POST', token: await tokenFor('officer-ccd'), body: { fields: business } });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]).toMatchObject({ path: 'fields.owners', code: 'shares_above_100' });
  });
});
