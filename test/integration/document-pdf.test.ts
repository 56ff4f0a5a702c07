// The holder's document as a PDF on the local cloud: apply, get approved, fetch the PDF (only its holder), read it
// back (English text, Arabic in reading order, the QR code) and follow the QR code's link to the public verification.
import { ammanDate } from '../../functions/shared/amman-time';
import { api, cloudState, tokenFor } from '../support/api';
import { type Citizen, freshCitizen, submitVehicleRenewal, VEHICLE } from '../support/engagement';
import { randomUUID } from 'node:crypto';
import { createBusiness } from '../support/fixtures';
import { decide, openTask, waitForStatus } from '../support/engagement';
import { approveVehicleRenewal } from '../support/journey';
import { pdfQrCode, pdfText } from '../support/pdf';
import { until } from '../support/wait';

let holder: Citizen;
let documentId: string;
let issuedAt: string;

beforeAll(async () => {
  holder = await freshCitizen();
  const applicationId = await submitVehicleRenewal(holder.token);
  await approveVehicleRenewal(holder.token, applicationId);
  documentId = `DOC-${applicationId}`;
  const document = await until(`document ${documentId} in the wallet`, async () => {
    const wallet = await api('/v1/me/documents', { token: holder.token });
    return wallet.body.items?.find((item: { documentId: string }) => item.documentId === documentId);
  });
  issuedAt = document.issuedAt;
}, 120_000);

/** The PDF's bytes as the holder's browser gets them. */
async function fetchPdf(token: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const response = await fetch(`${cloudState().apiUrl}/v1/me/documents/${documentId}/pdf`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('GET /v1/me/documents/{documentId}/pdf', () => {
  it('gives the holder their document as a PDF file, as the served OpenAPI document describes it', async () => {
    // api() checks the answer against /openapi.json (status, content type, headers).
    const described = await api(`/v1/me/documents/${documentId}/pdf`, { token: holder.token });
    expect(described.status).toBe(200);
    expect(described.headers.get('content-disposition')).toBe(`attachment; filename="${documentId}.pdf"`);
    const pdf = await fetchPdf(holder.token);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('says in English and Arabic what the document is, whose, its fields, dates and number', async () => {
    const before = ammanDate(new Date());
    const text = pdfText((await fetchPdf(holder.token)).bytes);
    // The copy is valid on the (Amman) day it was made; either side of a midnight passing during the call.
    expect([before, ammanDate(new Date())].some((day) => text.includes(`Valid on ${day}, the day this copy was made`))).toBe(true);
    for (const expected of [
      'Licence: Vehicle registration renewal',
      'Drivers and Vehicles Licensing Department',
      'Salma Yousef Al-Nimri',
      VEHICLE.answers.plateNumber,
      VEHICLE.answers.chassisNumber,
      `Issued on`,
      ammanDate(new Date(issuedAt)),
      documentId,
      // Arabic, extracted in reading order: the page drew it right to left, letters joined.
      'سلمى يوسف النمري',
      'إدارة ترخيص السواقين والمركبات',
      'حامل الوثيقة',
    ]) {
      expect(text).toContain(expected);
    }
    // The card does not name the insurance policy among the document's fields.
    expect(text).not.toContain(VEHICLE.answers.insurancePolicyNumber);
  });

  it('carries a QR code of the public verification link, which answers that the document is valid', async () => {
    const link = pdfQrCode((await fetchPdf(holder.token)).bytes);
    expect(link).toBe(`${cloudState().apiUrl}/v1/verify/${documentId}`);
    const verification = await api(new URL(link!).pathname);
    expect(verification.status).toBe(200);
    expect(verification.body).toMatchObject({ documentId, status: 'valid' });
  });

  it('is not given to another citizen (404, as if it did not exist) nor to staff (403)', async () => {
    const other = await freshCitizen();
    const refused = await api(`/v1/me/documents/${documentId}/pdf`, { token: other.token });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('document_not_found');
    const officer = await api(`/v1/me/documents/${documentId}/pdf`, { token: await tokenFor('officer-dvld') });
    expect(officer.status).toBe(403);
  });

  it('says so once the issuing agency has revoked the document', async () => {
    const revoked = await api(`/v1/documents/${documentId}/revoke`, {
      method: 'POST',
      token: await tokenFor('officer-dvld'),
      body: { reason: 'Printed copy test: plate returned' },
    });
    expect(revoked.status).toBe(200);
    const text = pdfText((await fetchPdf(holder.token)).bytes);
    expect(text).toContain(`Revoked on ${ammanDate(new Date(revoked.body.revokedAt))}`);
    expect(text).not.toContain('Valid on');
  });
});

describe("a business's document", () => {
  it('is given to the people the registry lists for the business, as in their wallets, and to nobody else', async () => {
    const [owner, representative, stranger] = await Promise.all([freshCitizen(), freshCitizen(), freshCitizen()]);
    const registrationNumber = await createBusiness(owner.nationalNumber, [representative.nationalNumber]);
    const applied = await api('/v1/applications', {
      method: 'POST',
      token: representative.token,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        serviceId: 'commercial-register-extract',
        channel: 'portal',
        answers: { registrationNumber, language: 'en' },
        forBusiness: { registrationNumber },
      },
    });
    expect(applied.status).toBe(201);
    const applicationId = applied.body.applicationId as string;
    await decide('mit', await openTask('mit', applicationId, 'issue-extract'), 'approve');
    await waitForStatus(representative.token, applicationId, 'approved');
    const businessDocument = `DOC-${applicationId}`;
    await until(`${businessDocument} in the owner's wallet`, async () =>
      (await api('/v1/me/documents', { token: owner.token })).body.items.find((item: { documentId: string }) => item.documentId === businessDocument),
    );
    for (const member of [owner, representative]) {
      const response = await fetch(`${cloudState().apiUrl}/v1/me/documents/${businessDocument}/pdf`, { headers: { authorization: `Bearer ${member.token}` } });
      expect(response.status).toBe(200);
      const text = pdfText(Buffer.from(await response.arrayBuffer()));
      expect(text).toContain('Jasmine Bakery');
      expect(text).toContain(businessDocument);
    }
    const refused = await api(`/v1/me/documents/${businessDocument}/pdf`, { token: stranger.token });
    expect(refused.status).toBe(404);
  });
});
