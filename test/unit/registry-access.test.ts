import { decideRead, type StoredConsent } from '../../functions/registry/domain/access';
import { type Principal } from '../../functions/shared/identity';
import { HttpError } from '../../functions/shared/errors';
import { recordSpecs } from '../../schemas/registry';

const now = new Date('2026-11-22T12:00:00Z');
const persons = recordSpecs.persons;
const subjectId = '9861012345';
const citizen: Principal = { sub: 'c1', role: 'citizen', subject: { kind: 'persons', recordId: subjectId } };
const otherCitizen: Principal = { sub: 'c2', role: 'citizen', subject: { kind: 'persons', recordId: '2000456789' } };
const owner: Principal = { sub: 'o1', role: 'officer', agencyId: 'cspd' };
const ssc: Principal = { sub: 'o2', role: 'officer', agencyId: 'ssc' };
const frontline: Principal = { sub: 'f1', role: 'frontline', serviceCentreId: 'amman-central' };
const operator: Principal = { sub: 'op', role: 'operator' };

const consent = (over: Partial<StoredConsent> = {}): StoredConsent => ({
  consentId: '01JCONSENT0000000000000000',
  kind: 'persons',
  recordId: subjectId,
  grantee: { type: 'agency', id: 'ssc' },
  fields: ['fullName', 'dateOfBirth'],
  purpose: 'Pension application',
  expiresAt: '2026-12-31',
  createdAt: '2026-11-01T00:00:00Z',
  ...over,
});

function read(reader: Principal, requested: string[] | undefined, consents: StoredConsent[] = [], purpose = 'pension application') {
  return decideRead({ spec: persons, recordId: subjectId, reader, requested, purpose, consents, now });
}

function refusal(fn: () => unknown): { status: number; code: string; details: unknown } {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpError) {
      return { status: error.status, code: error.code, details: error.details };
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('registry read decisions', () => {
  it('lets the owning agency read every field, and the subject every non-internal field', () => {
    expect(read(owner, undefined)).toEqual({ fields: Object.keys(persons.fields), basis: 'owner' });
    expect(read(citizen, ['fullName', 'familyBookNumber'])).toEqual({ fields: ['fullName', 'familyBookNumber'], basis: 'subject' });
  });

  it('refuses another citizen and roles without a scope', () => {
    expect(refusal(() => read(otherCitizen, ['fullName'])).status).toBe(403);
    expect(refusal(() => read(operator, ['fullName'])).status).toBe(403);
  });

  it('gives another agency exactly the consented fields for the consented purpose (purpose compared without case)', () => {
    expect(read(ssc, ['fullName'], [consent()])).toEqual({ fields: ['fullName'], consentId: consent().consentId, basis: 'consent' });
    expect(read(ssc, undefined, [consent()])).toEqual({ fields: ['fullName', 'dateOfBirth'], consentId: consent().consentId, basis: 'consent' });
  });

  it.each([
    ['no consent', [] as StoredConsent[], ['fullName']],
    ['a field outside the consent', [consent()], ['fullName', 'phone']],
    ['another purpose', [consent({ purpose: 'tax audit' })], ['fullName']],
    ['an expired consent', [consent({ expiresAt: '2026-11-21' })], ['fullName']],
    ['a revoked consent', [consent({ revokedAt: '2026-11-20T00:00:00Z' })], ['fullName']],
    ['a consent to another agency', [consent({ grantee: { type: 'agency', id: 'moh' } })], ['fullName']],
    ['a consent about another person', [consent({ recordId: '2000456789' })], ['fullName']],
  ])('refuses with consent_required on %s', (_case, consents, fields) => {
    expect(refusal(() => read(ssc, fields, consents))).toMatchObject({ status: 403, code: 'consent_required' });
  });

  it('names only the fields no live consent covers', () => {
    expect(refusal(() => read(ssc, ['fullName', 'phone'], [consent()])).details).toMatchObject({ missingFields: ['phone'] });
  });

  it('still accepts a consent on its last day', () => {
    expect(read(ssc, ['fullName'], [consent({ expiresAt: '2026-11-22' })]).basis).toBe('consent');
  });

  it('lets frontline staff read only under a consent to their service centre', () => {
    expect(refusal(() => read(frontline, ['fullName'], [consent()])).code).toBe('consent_required');
    const toCentre = consent({ grantee: { type: 'service-centre', id: 'amman-central' } });
    expect(read(frontline, ['fullName'], [toCentre]).basis).toBe('consent');
  });

  it('rejects unknown fields with 400', () => {
    expect(refusal(() => read(owner, ['shoeSize']))).toMatchObject({ status: 400, code: 'unknown_fields' });
  });

  it('serves public business fields to any officer, owners to none without consent, internal fields to the owner only', () => {
    const businesses = recordSpecs.businesses;
    const decide = (reader: Principal, requested?: string[]) =>
      decideRead({ spec: businesses, recordId: '200145678', reader, requested, purpose: 'tender check', consents: [], members: [subjectId], now });
    expect(decide(ssc).fields).not.toContain('owners');
    expect(decide(ssc, ['name', 'status'])).toEqual({ fields: ['name', 'status'], basis: 'public' });
    expect(refusal(() => decide(ssc, ['owners'])).code).toBe('consent_required');
    expect(refusal(() => decide(ssc, ['representatives'])).status).toBe(403);
    expect(decide({ sub: 'o3', role: 'officer', agencyId: 'ccd' }, ['representatives']).basis).toBe('owner');
    expect(decide(citizen).fields).not.toContain('representatives');
    expect(refusal(() => decide(otherCitizen)).status).toBe(403);
  });
});
