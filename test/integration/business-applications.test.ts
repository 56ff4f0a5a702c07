// Businesses apply (issue 14, item 4): a person the registry lists as an owner or representative of a business
// applies for a business service on its behalf; the business is the applicant, the person is recorded as its
// representative and follows the application; the business's registry data is read once, under a consent in the
// business's name, on its audit trail; the issued document is the business's and reaches its members' wallets.
// Anyone else gets 403 and nothing is written.
import { randomUUID } from 'node:crypto';
import { api, tokenFor } from '../support/api';
import { type Citizen, decide, freshCitizen, inboxAbout, openTask, waitForStatus } from '../support/engagement';
import { createBusiness } from '../support/fixtures';
import { until } from '../support/wait';

const SERVICE = 'commercial-register-extract';

let owner: Citizen;
let representative: Citizen;
let stranger: Citizen;
let registrationNumber: string;

beforeAll(async () => {
  [owner, representative, stranger] = await Promise.all([freshCitizen(), freshCitizen(), freshCitizen()]);
  registrationNumber = await createBusiness(owner.nationalNumber, [representative.nationalNumber]);
}, 120_000);

const extractFor = (business: string, extra: object = {}) => ({
  serviceId: SERVICE,
  channel: 'portal',
  answers: { registrationNumber: business, language: 'en' },
  forBusiness: { registrationNumber: business },
  ...extra,
});

const apply = (token: string, body: object) => api('/v1/applications', { method: 'POST', token, body, headers: { 'idempotency-key': randomUUID() } });

async function myApplicationIds(token: string): Promise<string[]> {
  const list = await api(`/v1/me/applications?limit=100`, { token });
  expect(list.status).toBe(200);
  expect(list.body.nextCursor).toBeUndefined();
  return list.body.items.map((item: { applicationId: string }) => item.applicationId);
}

describe('a business service', () => {
  it("is applied for by the business's representative: the business is the applicant, prefilled from its registry record", async () => {
    const response = await apply(representative.token, extractFor(registrationNumber));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: 'submitted',
      applicant: { kind: 'businesses', recordId: registrationNumber },
      representative: { kind: 'persons', recordId: representative.nationalNumber, role: 'representative' },
      prefill: { 'business.registrationNumber': registrationNumber, 'business.name': { en: 'Jasmine Bakery' } },
    });
    const applicationId = response.body.applicationId as string;
    // The representative follows it in their own list; the once-only read is on the business's audit trail, by them.
    expect(await myApplicationIds(representative.token)).toContain(applicationId);
    const trail = await api(`/v1/audit?subject=businesses:${registrationNumber}&limit=100`, { token: await tokenFor('auditor') });
    expect(trail.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'registry.read', purpose: expect.stringContaining(applicationId), fields: expect.arrayContaining(['name', 'owners']) })]),
    );

    await decide('mit', await openTask('mit', applicationId, 'issue-extract'), 'approve');
    await waitForStatus(representative.token, applicationId, 'approved');
    // The extract is the business's: it reaches the wallets of its representative and its owner, nobody else's.
    const documentId = `DOC-${applicationId}`;
    const inWallet = (citizen: Citizen) =>
      until(`${documentId} in ${citizen.nationalNumber}'s wallet`, async () =>
        (await api('/v1/me/documents', { token: citizen.token })).body.items.find((item: { documentId: string }) => item.documentId === documentId),
      );
    expect(await inWallet(representative)).toMatchObject({ type: 'extract', holder: { kind: 'businesses', recordId: registrationNumber }, fields: { registrationNumber } });
    expect((await inWallet(owner)).holder.recordId).toBe(registrationNumber);
    const strangers = await api('/v1/me/documents', { token: stranger.token });
    expect(strangers.body.items.map((item: { documentId: string }) => item.documentId)).not.toContain(documentId);
    // The representative is told, as an applicant is.
    const told = await until('the approval in the representative\'s inbox', async () => (await inboxAbout(representative.token, { applicationId })).find((item) => item.type === 'ApplicationApproved'));
    expect(told.category).toBeDefined();
    const verified = await api(`/v1/verify/${documentId}`);
    expect(verified.body).toMatchObject({ status: 'valid', holderName: { en: 'J****** B*****' } });
  });

  it('is the owner’s to apply for too', async () => {
    const response = await apply(owner.token, extractFor(registrationNumber));
    expect(response.status).toBe(201);
    expect(response.body.representative).toEqual({ kind: 'persons', recordId: owner.nationalNumber, role: 'owner' });
  });

  it('is refused to a person the registry does not list for the business, with nothing written', async () => {
    const response = await apply(stranger.token, extractFor(registrationNumber));
    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: 'forbidden', details: { reason: 'not_a_representative', registrationNumber } });
    expect(await myApplicationIds(stranger.token)).toEqual([]);
    const trail = await api(`/v1/audit?subject=businesses:${registrationNumber}&limit=100`, { token: await tokenFor('auditor') });
    expect(JSON.stringify(trail.body.items)).not.toContain(stranger.nationalNumber);
  });

  it('is not for a person applying in their own name', async () => {
    const { forBusiness: _, ...ownName } = extractFor(registrationNumber);
    const response = await apply(representative.token, ownName);
    expect(response.status).toBe(403);
    expect(response.body.error.details).toMatchObject({ reason: 'not_eligible', beneficiaryTypes: ['business'] });
  });

  it("is applied for through the members' own accounts, not by service-centre staff", async () => {
    const response = await apply(await tokenFor('frontline'), extractFor(registrationNumber, { channel: 'service-centre', onBehalfOf: { nationalNumber: representative.nationalNumber } }));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('business_by_representative');
  });

  it('keeps a business application from other people, members of the business who did not make it included', async () => {
    const made = await apply(representative.token, extractFor(registrationNumber));
    const applicationId = made.body.applicationId as string;
    expect((await api(`/v1/applications/${applicationId}`, { token: stranger.token })).status).toBe(404);
    expect((await api(`/v1/applications/${applicationId}/cancel`, { method: 'POST', token: stranger.token, body: {} })).status).toBe(404);
    expect((await api(`/v1/applications/${applicationId}`, { token: representative.token })).status).toBe(200);
  });
});
