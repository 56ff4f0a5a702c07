// Issued documents on the local cloud: on approval the owning agency's document is signed (JWS ES256) and put in
// the holder's wallet; anyone verifies it offline with the published JWKS (jose, an independent verifier) or
// online by its number (minimum disclosed); the issuing agency revokes it and verification says so at once.
import { createLocalJWKSet, jwtVerify } from 'jose';
import { api, tokenFor } from '../support/api';
import { type Citizen, freshCitizen, inboxAbout, submitVehicleRenewal, VEHICLE } from '../support/engagement';
import { approveVehicleRenewal } from '../support/journey';
import { until } from '../support/wait';

const DAY_MS = 24 * 60 * 60 * 1000;

let citizen: Citizen;
let applicationId: string;
let documentId: string;

beforeAll(async () => {
  citizen = await freshCitizen();
  applicationId = await submitVehicleRenewal(citizen.token);
  await approveVehicleRenewal(citizen.token, applicationId);
  documentId = `DOC-${applicationId}`;
}, 120_000);

async function walletDocument() {
  return until(`document ${documentId} in the wallet`, async () => {
    const wallet = await api('/v1/me/documents', { token: citizen.token });
    expect(wallet.status).toBe(200);
    return wallet.body.items.find((item: { documentId: string }) => item.documentId === documentId);
  });
}

async function publishedKeys() {
  const jwks = await api('/.well-known/jwks.json');
  expect(jwks.status).toBe(200);
  return createLocalJWKSet(jwks.body);
}

describe('an approved application', () => {
  it("puts the issuing agency's document, typed, with the card's fields and validity, in the holder's wallet", async () => {
    const document = await walletDocument();
    expect(document).toMatchObject({
      type: 'licence',
      serviceId: VEHICLE.serviceId,
      applicationId,
      issuingAgencyId: 'dvld',
      holder: { kind: 'persons', recordId: citizen.nationalNumber },
      fields: { plateNumber: VEHICLE.answers.plateNumber, chassisNumber: VEHICLE.answers.chassisNumber },
      status: 'valid',
    });
    expect(document.fields.insurancePolicyNumber).toBeUndefined();
    expect(Date.parse(document.validUntil) - Date.parse(document.validFrom)).toBe(365 * DAY_MS);
    const application = await api(`/v1/applications/${applicationId}`, { token: citizen.token });
    expect(application.body.outcome.documentId).toBe(documentId);
    // The short reference people read out is printed on the document too.
    expect(document.applicationReference).toBe(application.body.reference);
    expect(document.applicationReference).toMatch(/^DVLD-\d{2}-/);
  });

  it('carries a credential that an independent JWS verifier accepts with the published keys', async () => {
    const { credential } = await walletDocument();
    const { payload, protectedHeader } = await jwtVerify(credential, await publishedKeys(), { algorithms: ['ES256'] });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'vc+jwt' });
    expect(payload).toMatchObject({
      iss: 'urn:khidma:agency:dvld',
      sub: `urn:khidma:persons:${citizen.nationalNumber}`,
      jti: `urn:khidma:document:${documentId}`,
      vc: {
        type: ['VerifiableCredential', 'KhidmaLicence'],
        credentialSubject: { plateNumber: VEHICLE.answers.plateNumber },
        credentialStatus: { id: `/v1/verify/${documentId}` },
      },
    });
    expect(payload.exp! - payload.nbf!).toBe(365 * 24 * 60 * 60);
  });

  it('is refused by the verifier once tampered with', async () => {
    const { credential } = await walletDocument();
    const [header, payload, signature] = credential.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.vc.credentialSubject.plateNumber = '99-99999';
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    await expect(jwtVerify(forged, await publishedKeys())).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
    const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    await expect(jwtVerify(flipped, await publishedKeys())).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  it('can be verified by anyone by its number, disclosing the minimum', async () => {
    await walletDocument();
    const verification = await api(`/v1/verify/${documentId}`);
    expect(verification.status).toBe(200);
    expect(verification.body).toMatchObject({ documentId, type: 'licence', issuingAgencyId: 'dvld', status: 'valid' });
    expect(verification.body.holderName.en).toMatch(/^S\*+ /);
    expect(verification.body.holderName.en).not.toContain('Salma');
    expect(verification.text).not.toContain(citizen.nationalNumber);
    expect(verification.text).not.toContain(VEHICLE.answers.chassisNumber);
  });

  it('is unknown or malformed: 404 or 400', async () => {
    expect((await api('/v1/verify/DOC-01ARZ3NDEKTSV4RRFFQ69G5FAV')).body.error.code).toBe('document_not_found');
    expect((await api('/v1/verify/not-a-document')).status).toBe(400);
  });
});

describe('revocation', () => {
  it('is the issuing agency\'s alone, needs a reason, shows at once, is audited and told to the holder', async () => {
    await walletDocument();
    const revoke = async (user: string | undefined, body: object) =>
      api(`/v1/documents/${documentId}/revoke`, { method: 'POST', ...(user ? { token: await tokenFor(user) } : {}), body });
    expect((await revoke('officer-gam', { reason: 'not ours to revoke' })).body.error.code).toBe('document_not_found');
    expect((await revoke('citizen', { reason: 'I would rather not' })).status).toBe(403);
    expect((await revoke(undefined, { reason: 'anonymous' })).status).toBe(401);
    expect((await revoke('officer-dvld', {})).status).toBe(400);
    expect((await api(`/v1/verify/${documentId}`)).body.status).toBe('valid');

    const revoked = await revoke('officer-dvld', { reason: 'Issued on a forged insurance policy' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revocationReason: 'Issued on a forged insurance policy' });
    const verification = await api(`/v1/verify/${documentId}`);
    expect(verification.body).toMatchObject({ status: 'revoked', revokedAt: revoked.body.revokedAt });
    expect((await revoke('officer-dvld', { reason: 'again' })).body.error.code).toBe('document_already_revoked');
    expect((await walletDocument()).status).toBe('revoked');

    const audit = await api(`/v1/audit?subject=persons:${citizen.nationalNumber}&limit=100`, { token: await tokenFor('auditor') });
    expect(audit.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'document.revoke', actor: expect.objectContaining({ role: 'officer', agencyId: 'dvld' }) })]),
    );
    const told = await until('the revocation in the holder\'s inbox', async () =>
      (await inboxAbout(citizen.token, { applicationId })).find((item) => item.type === 'DocumentRevoked'),
    );
    expect(told.body).toContain('Issued on a forged insurance policy');
  });
});
