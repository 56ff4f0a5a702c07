// The national registry end to end on the local cloud: sign-up against the registry, GET /v1/me, consent,
// officers' reads allowed then refused, the citizen's access log, records with optimistic concurrency,
// staff accounts, and the audit chain catching edits and deletions made behind the API's back.
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { daysFrom } from '../../functions/shared/dates';
import { tableName } from '../../lib/platform/tables';
import { api, lastMessageTo, signInAs, tables, tokenFor } from '../support/api';

const REGISTRY = tableName('local', 'registry');
const AUDIT = tableName('local', 'audit');
const PURPOSE = 'retirement pension application';
/** Consent expiries relative to the clock: the API accepts today up to a year ahead. */
const IN_A_MONTH = daysFrom(new Date(), 30);
const IN_HALF_A_YEAR = daysFrom(new Date(), 180);
const OVER_A_YEAR_AWAY = daysFrom(new Date(), 400);
const NEXT_FEBRUARY_30 = `${new Date().getUTCFullYear() + 1}-02-30`;

let counter = 0;
/** A fresh valid national number per call, so tests never collide with each other or the seed. */
function newNationalNumber(): string {
  counter += 1;
  return `9${String(Date.now() % 1e5).padStart(5, '0')}${String(counter).padStart(4, '0')}`;
}

function personFields(nationalNumber: string, over: Record<string, unknown> = {}) {
  return {
    nationalNumber,
    fullName: { ar: 'رنا عادل الزعبي', en: 'Rana Adel Al-Zoubi' },
    dateOfBirth: '1994-07-19',
    sex: 'female',
    familyBookNumber: '7781234',
    idCardNumber: 'ZXC44120',
    maritalStatus: 'single',
    address: { governorate: 'Amman', city: 'Amman', street: 'Rainbow Street' },
    phone: '+962790001122',
    email: 'rana@khidma.example',
    ...over,
  };
}

async function createPerson(over: Record<string, unknown> = {}) {
  const nationalNumber = newNationalNumber();
  const response = await api('/v1/registry/persons', {
    method: 'POST',
    token: await tokenFor('officer-cspd'),
    body: { fields: personFields(nationalNumber, over) },
  });
  expect(response.status).toBe(201);
  return { nationalNumber, record: response.body };
}

async function signUpAndConfirm(nationalNumber: string, password = 'Rana-Strong-2026!') {
  const signUp = await api('/v1/auth/sign-up', {
    method: 'POST',
    body: {
      nationalNumber,
      documentNumber: 'ZXC44120',
      dateOfBirth: '1994-07-19',
      phone: '+962790001122',
      email: 'rana@khidma.example',
      password,
    },
  });
  expect(signUp.status).toBe(201);
  expect(signUp.body).toEqual({ username: nationalNumber, confirmed: false, codeDelivery: { medium: 'SMS', destination: expect.any(String) } });
  const code = lastMessageTo(nationalNumber)?.code;
  expect(code).toMatch(/^\d{6}$/);
  const confirm = await api('/v1/auth/confirm', { method: 'POST', body: { username: nationalNumber, code } });
  expect(confirm.status).toBe(200);
  return signInAs(nationalNumber, password);
}

async function auditTrail(subject: string) {
  const { Items = [] } = await tables().send(
    new QueryCommand({ TableName: AUDIT, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `SUBJECT#${subject}` } }),
  );
  return Items;
}

describe('sign-up against the registry', () => {
  it('signs a citizen up, confirms with the code sent, and serves their own profile', async () => {
    const { nationalNumber } = await createPerson();
    const token = await signUpAndConfirm(nationalNumber);
    const me = await api('/v1/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'persons', recordId: nationalNumber, businesses: [] });
    expect(me.body.profile).toMatchObject({ nationalNumber, fullName: { en: 'Rana Adel Al-Zoubi' }, dateOfBirth: '1994-07-19' });
  });

  it('refuses details that do not match the record, writing no account', async () => {
    const { nationalNumber } = await createPerson();
    const base = { nationalNumber, documentNumber: 'ZXC44120', dateOfBirth: '1994-07-19', phone: '+962790001122', email: 'a@b.jo', password: 'Some-Password-2026!' };
    for (const wrong of [{ documentNumber: 'WRONG123' }, { dateOfBirth: '1994-07-20' }, { nationalNumber: newNationalNumber() }]) {
      const response = await api('/v1/auth/sign-up', { method: 'POST', body: { ...base, ...wrong } });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('identity_not_verified');
    }
    const account = await tables().send(new GetCommand({ TableName: REGISTRY, Key: { pk: `REC#persons#${nationalNumber}`, sk: 'ACCOUNT' } }));
    expect(account.Item).toBeUndefined();
  });

  it('allows one account per person: a second sign-up gets 409', async () => {
    const { nationalNumber } = await createPerson();
    await signUpAndConfirm(nationalNumber);
    const again = await api('/v1/auth/sign-up', {
      method: 'POST',
      body: { nationalNumber, documentNumber: 'ZXC44120', dateOfBirth: '1994-07-19', phone: '+962790001122', email: 'x@y.jo', password: 'Another-Pass-2026!' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_registered');
  });

  it.each([
    ['a malformed national number', { nationalNumber: '12345' }, 'validation_failed'],
    ['both identifiers', { permitNumber: 'EGY1234567' }, 'identifier_required'],
    ['a short password', { password: 'short' }, 'validation_failed'],
    ['an unknown field', { role: 'operator' }, 'validation_failed'],
  ])('rejects %s with 400', async (_case, over, code) => {
    const response = await api('/v1/auth/sign-up', {
      method: 'POST',
      body: { nationalNumber: '9861012345', documentNumber: 'RTK48213', dateOfBirth: '1986-03-14', phone: '+962791234567', email: 'a@b.jo', password: 'Long-Enough-2026!', ...over },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
  });

  it('rejects a wrong confirmation code with 400', async () => {
    const { nationalNumber } = await createPerson();
    await api('/v1/auth/sign-up', {
      method: 'POST',
      body: { nationalNumber, documentNumber: 'ZXC44120', dateOfBirth: '1994-07-19', phone: '+962790001122', email: 'r@k.jo', password: 'Rana-Strong-2026!' },
    });
    const wrongCode = lastMessageTo(nationalNumber)?.code === '000000' ? '111111' : '000000';
    const response = await api('/v1/auth/confirm', { method: 'POST', body: { username: nationalNumber, code: wrongCode } });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_code');
  });

  it('shows a business owner and a representative their businesses', async () => {
    const owner = await api('/v1/me', { token: await tokenFor('citizen') });
    expect(owner.body.businesses).toEqual([{ registrationNumber: '200145678', name: expect.any(Object), role: 'owner' }]);
    const representative = await api('/v1/me', { token: await tokenFor('citizen2') });
    expect(representative.body.businesses).toEqual([{ registrationNumber: '200145678', name: expect.any(Object), role: 'representative' }]);
  });

  it('serves a resident their residence record', async () => {
    const me = await api('/v1/me', { token: await tokenFor('resident') });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'residents', recordId: 'EGY1234567', profile: { nationality: 'EGY' } });
  });
});

describe('consent and the once-only read', () => {
  let refusing: Promise<string> | undefined;

  it('lets an officer of another agency read exactly the consented fields, until the citizen revokes', async () => {
    const { nationalNumber } = await createPerson();
    const citizen = await signUpAndConfirm(nationalNumber);
    const officer = await tokenFor('officer-ssc');
    const read = (fields: string) =>
      api(`/v1/registry/persons/${nationalNumber}?fields=${fields}&purpose=${encodeURIComponent(PURPOSE)}`, { token: officer });

    expect((await read('fullName')).body.error.code).toBe('consent_required');

    const granted = await api('/v1/consents', {
      method: 'POST',
      token: citizen,
      body: { agencyId: 'ssc', fields: ['fullName', 'dateOfBirth'], purpose: PURPOSE, expiresAt: IN_HALF_A_YEAR },
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ status: 'active', grantee: { type: 'agency', id: 'ssc' }, fields: ['fullName', 'dateOfBirth'] });

    const allowed = await read('fullName,dateOfBirth');
    expect(allowed.status).toBe(200);
    expect(allowed.body.fields).toEqual({ fullName: { ar: 'رنا عادل الزعبي', en: 'Rana Adel Al-Zoubi' }, dateOfBirth: '1994-07-19' });
    expect(allowed.body.consentId).toBe(granted.body.consentId);

    const tooMuch = await read('fullName,phone');
    expect(tooMuch.status).toBe(403);
    expect(tooMuch.body.error).toMatchObject({ code: 'consent_required', details: { missingFields: ['phone'] } });
    const otherPurpose = await api(`/v1/registry/persons/${nationalNumber}?fields=fullName&purpose=tax%20audit`, { token: officer });
    expect(otherPurpose.status).toBe(403);

    const listed = await api('/v1/me/consents', { token: citizen });
    expect(listed.body.items).toEqual([expect.objectContaining({ consentId: granted.body.consentId, status: 'active' })]);

    const revoked = await api(`/v1/consents/${granted.body.consentId}`, { method: 'DELETE', token: citizen });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    expect((await read('fullName')).status).toBe(403);
    const again = await api(`/v1/consents/${granted.body.consentId}`, { method: 'DELETE', token: citizen });
    expect(again.body.status).toBe('revoked');

    const log = await api('/v1/me/access-log', { token: citizen });
    expect(log.status).toBe(200);
    const actions = log.body.items.map((item: { action: string; by: { agencyId?: string } }) => `${item.action}:${item.by.agencyId ?? '-'}`);
    // Refused reads are audited too: before the consent, outside it, and after its revocation.
    expect(actions).toEqual([
      'registry.create:cspd',
      'identity.link:-',
      'registry.read-denied:ssc',
      'consent.grant:-',
      'registry.read:ssc',
      'registry.read-denied:ssc',
      'registry.read-denied:ssc',
      'consent.revoke:-',
      'registry.read-denied:ssc',
    ]);
    const officerRead = log.body.items.find((item: { action: string }) => item.action === 'registry.read');
    expect(officerRead).toMatchObject({ by: { role: 'officer', agencyId: 'ssc' }, fields: ['fullName', 'dateOfBirth'], purpose: PURPOSE, consentId: granted.body.consentId });
    expect(JSON.stringify(log.body)).not.toContain('"id"');
  });

  it('lets frontline staff read only under a consent to their service centre', async () => {
    const citizen = await tokenFor('citizen2');
    const frontline = await tokenFor('frontline');
    const url = `/v1/registry/persons/2000456789?fields=fullName,phone&purpose=${encodeURIComponent('assisted passport renewal')}`;
    expect((await api(url, { token: frontline })).status).toBe(403);
    const granted = await api('/v1/consents', {
      method: 'POST',
      token: citizen,
      body: { serviceCentreId: 'amman-central', fields: ['fullName', 'phone'], purpose: 'assisted passport renewal', expiresAt: IN_A_MONTH },
    });
    expect(granted.status).toBe(201);
    const read = await api(url, { token: frontline });
    expect(read.status).toBe(200);
    expect(Object.keys(read.body.fields).sort()).toEqual(['fullName', 'phone']);
    await api(`/v1/consents/${granted.body.consentId}`, { method: 'DELETE', token: citizen });
  });

  it.each([
    ['no grantee', { fields: ['fullName'], purpose: PURPOSE, expiresAt: IN_A_MONTH }, 'grantee_required'],
    ['two grantees', { agencyId: 'ssc', serviceCentreId: 'amman-central', fields: ['fullName'], purpose: PURPOSE, expiresAt: IN_A_MONTH }, 'grantee_required'],
    ['an unknown field', { agencyId: 'ssc', fields: ['shoeSize'], purpose: PURPOSE, expiresAt: IN_A_MONTH }, 'unknown_fields'],
    ['a past expiry', { agencyId: 'ssc', fields: ['fullName'], purpose: PURPOSE, expiresAt: '2020-01-01' }, 'invalid_expiry'],
    ['an expiry over a year away', { agencyId: 'ssc', fields: ['fullName'], purpose: PURPOSE, expiresAt: OVER_A_YEAR_AWAY }, 'invalid_expiry'],
    ['an impossible date', { agencyId: 'ssc', fields: ['fullName'], purpose: PURPOSE, expiresAt: NEXT_FEBRUARY_30 }, 'invalid_expiry'],
    ['the owning agency', { agencyId: 'cspd', fields: ['fullName'], purpose: PURPOSE, expiresAt: IN_A_MONTH }, 'owner_needs_no_consent'],
  ])('rejects a consent with %s (400), writing nothing', async (_case, body, code) => {
    // A citizen of these refusals alone, who never consents: any consent of theirs is a leak.
    const token = await (refusing ??= createPerson().then(({ nationalNumber }) => signUpAndConfirm(nationalNumber)));
    const response = await api('/v1/consents', { method: 'POST', token, body });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe(code);
    expect((await api('/v1/me/consents', { token })).body).toEqual({ items: [] });
  });

  it("answers 404 for another citizen's consent and leaves it active", async () => {
    const granted = await api('/v1/consents', {
      method: 'POST',
      token: await tokenFor('citizen'),
      body: { agencyId: 'moh', fields: ['fullName'], purpose: 'vaccination record', expiresAt: IN_A_MONTH },
    });
    const response = await api(`/v1/consents/${granted.body.consentId}`, { method: 'DELETE', token: await tokenFor('citizen2') });
    expect(response.status).toBe(404);
    const mine = await api('/v1/me/consents', { token: await tokenFor('citizen') });
    expect(mine.body.items.find((consent: { consentId: string }) => consent.consentId === granted.body.consentId).status).toBe('active');
  });
});

describe('registry records', () => {
  it('lets only the owning agency create and update, with optimistic concurrency', async () => {
    const { nationalNumber, record } = await createPerson();
    expect(record).toMatchObject({ kind: 'persons', recordId: nationalNumber, version: 1, ownerAgencyId: 'cspd' });
    const update = (token: string, expectedVersion: number, fields: Record<string, unknown>) =>
      api(`/v1/registry/persons/${nationalNumber}`, { method: 'PUT', token, body: { expectedVersion, fields } });
    const cspd = await tokenFor('officer-cspd');

    const moved = await update(cspd, 1, { address: { governorate: 'Zarqa', city: 'Zarqa' } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ version: 2, fields: { address: { governorate: 'Zarqa', city: 'Zarqa' } } });

    const stale = await update(cspd, 1, { maritalStatus: 'married' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'stale_version', details: { expectedVersion: 1, currentVersion: 2 } });

    const notOwner = await update(await tokenFor('officer-ssc'), 2, { maritalStatus: 'married' });
    expect(notOwner.status).toBe(403);
    const rekey = await update(cspd, 2, { nationalNumber: '9000000000' });
    expect(rekey.body.error.code).toBe('key_field_immutable');
    const invalid = await update(cspd, 2, { phone: '12345' });
    expect(invalid.status).toBe(400);

    const stored = await tables().send(new GetCommand({ TableName: REGISTRY, Key: { pk: `REC#persons#${nationalNumber}`, sk: 'PROFILE' } }));
    expect(stored.Item?.version).toBe(2);
  });

  it('lets exactly one of several concurrent editors of the same version win', async () => {
    const { nationalNumber } = await createPerson();
    const cspd = await tokenFor('officer-cspd');
    const statuses = await Promise.all(
      ['single', 'married', 'divorced', 'widowed'].map((maritalStatus) =>
        api(`/v1/registry/persons/${nationalNumber}`, { method: 'PUT', token: cspd, body: { expectedVersion: 1, fields: { maritalStatus } } }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(3);
  });

  it('rejects a duplicate record with 409 and an invalid one with 400, writing nothing', async () => {
    const cspd = await tokenFor('officer-cspd');
    const duplicate = await api('/v1/registry/persons', { method: 'POST', token: cspd, body: { fields: personFields('9861012345') } });
    expect(duplicate.status).toBe(409);
    const nationalNumber = newNationalNumber();
    const invalid = await api('/v1/registry/persons', { method: 'POST', token: cspd, body: { fields: personFields(nationalNumber, { sex: 'x', extra: 1 }) } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(expect.arrayContaining(['fields.sex']));
    const stored = await tables().send(new GetCommand({ TableName: REGISTRY, Key: { pk: `REC#persons#${nationalNumber}`, sk: 'PROFILE' } }));
    expect(stored.Item).toBeUndefined();
    expect(await auditTrail(`persons:${nationalNumber}`)).toHaveLength(0);
  });

  it('keeps internal business fields with the owning agency and owners behind consent', async () => {
    const purpose = encodeURIComponent('tender eligibility');
    const ccd = await api(`/v1/registry/businesses/200145678?purpose=${purpose}`, { token: await tokenFor('officer-ccd') });
    expect(Object.keys(ccd.body.fields)).toEqual(expect.arrayContaining(['owners', 'representatives']));
    const other = await api(`/v1/registry/businesses/200145678?purpose=${purpose}`, { token: await tokenFor('officer-mit') });
    expect(other.status).toBe(200);
    expect(Object.keys(other.body.fields).sort()).toEqual(['address', 'legalType', 'name', 'registeredOn', 'registrationNumber', 'status']);
    const owner = await api(`/v1/registry/businesses/200145678?purpose=${purpose}`, { token: await tokenFor('citizen') });
    expect(owner.status).toBe(200);
    expect(owner.body.fields.owners).toHaveLength(2);
    expect(owner.body.fields.representatives).toBeUndefined();
  });

  it('answers 404 for an unknown record only to callers allowed to know', async () => {
    const unknown = `/v1/registry/persons/9999999999?purpose=${encodeURIComponent('check')}`;
    expect((await api(unknown, { token: await tokenFor('officer-cspd') })).status).toBe(404);
    expect((await api(unknown, { token: await tokenFor('officer-ssc') })).status).toBe(403);
  });

  it('requires a purpose for every read', async () => {
    const response = await api('/v1/registry/persons/9861012345', { token: await tokenFor('officer-cspd') });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0]).toMatchObject({ in: 'query', path: 'purpose' });
  });
});

describe('staff accounts', () => {
  it('lets operators create an officer scoped to an agency, who can then read as that agency', async () => {
    const username = `officer.test-${Date.now()}`;
    const created = await api('/v1/staff', {
      method: 'POST',
      token: await tokenFor('operator'),
      body: { username, email: `${username}@gov.example`, fullName: { ar: 'موظف', en: 'Officer' }, role: 'officer', agencyId: 'cspd' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ username, role: 'officer', agencyId: 'cspd', status: 'FORCE_CHANGE_PASSWORD' });
    expect(lastMessageTo(username)).toMatchObject({ medium: 'email', destination: `${username}@gov.example` });
    const taken = await api('/v1/staff', {
      method: 'POST',
      token: await tokenFor('operator'),
      body: { username, email: `${username}@gov.example`, fullName: { ar: 'موظف', en: 'Officer' }, role: 'officer', agencyId: 'cspd' },
    });
    expect(taken.status).toBe(409);
  });

  it.each([
    ['an officer without an agency', { role: 'officer' }, 'agency_scope'],
    ['an auditor with an agency', { role: 'auditor', agencyId: 'cspd' }, 'agency_scope'],
    ['frontline without a centre', { role: 'frontline' }, 'service_centre_scope'],
    ['an unknown agency', { role: 'officer', agencyId: 'no-such-agency' }, 'unknown_agency'],
  ])('refuses %s', async (_case, over, code) => {
    const username = `staff-${Date.now()}-${code}`.replace(/_/g, '-');
    const response = await api('/v1/staff', {
      method: 'POST',
      token: await tokenFor('operator'),
      body: { username, email: 'staff@gov.example', fullName: { ar: 'موظف', en: 'Staff' }, ...over },
    });
    expect(response.body.error.code).toBe(code);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('the audit trail', () => {
  it('is valid as written, and names the first broken record after an edit or a deletion behind the API', async () => {
    const { nationalNumber } = await createPerson();
    const cspd = await tokenFor('officer-cspd');
    for (let i = 0; i < 3; i++) {
      await api(`/v1/registry/persons/${nationalNumber}?purpose=${encodeURIComponent(`check ${i}`)}`, { token: cspd });
    }
    const auditor = await tokenFor('auditor');
    const subject = `persons:${nationalNumber}`;
    const verify = () => api(`/v1/audit/verify?subject=${subject}`, { token: auditor });
    expect((await verify()).body).toMatchObject({ subject, records: 4, valid: true });

    const trail = await api(`/v1/audit?subject=${subject}&limit=2`, { token: auditor });
    expect(trail.body.items.map((item: { seq: number }) => item.seq)).toEqual([1, 2]);
    const next = await api(`/v1/audit?subject=${subject}&limit=2&cursor=${trail.body.nextCursor}`, { token: auditor });
    expect(next.body.items.map((item: { seq: number }) => item.seq)).toEqual([3, 4]);
    expect(next.body.nextCursor).toBeUndefined();

    // Someone with table access rewrites a purpose...
    const items = await auditTrail(subject);
    const third = items[2]!;
    await tables().send(new PutCommand({ TableName: AUDIT, Item: { ...third, record: { ...third.record, purpose: 'nothing to see' } } }));
    expect((await verify()).body).toMatchObject({ valid: false, firstBrokenSeq: 3 });
    await tables().send(new PutCommand({ TableName: AUDIT, Item: third }));
    expect((await verify()).body.valid).toBe(true);

    // ...or deletes a record.
    await tables().send(new DeleteCommand({ TableName: AUDIT, Key: { pk: third.pk, sk: third.sk } }));
    expect((await verify()).body).toMatchObject({ valid: false, firstBrokenSeq: 3 });
    await tables().send(new PutCommand({ TableName: AUDIT, Item: third }));
  });

  it('keeps one unbroken chain under concurrent reads', async () => {
    const { nationalNumber } = await createPerson();
    const tokens = await Promise.all(['officer-cspd', 'officer-cspd', 'officer-cspd'].map((user) => tokenFor(user)));
    const reads = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api(`/v1/registry/persons/${nationalNumber}?purpose=read%20${i}`, { token: tokens[i % 3] })),
    );
    expect(reads.map((read) => read.status)).toEqual(Array(12).fill(200));
    const verified = await api(`/v1/audit/verify?subject=persons:${nationalNumber}`, { token: await tokenFor('auditor') });
    expect(verified.body).toMatchObject({ records: 13, valid: true });
  });

  it('rejects a malformed subject with 400', async () => {
    const response = await api('/v1/audit?subject=9861012345', { token: await tokenFor('auditor') });
    expect(response.status).toBe(400);
  });
});
