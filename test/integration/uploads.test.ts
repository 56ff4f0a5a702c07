// Document uploads end to end on the local cloud, as a browser makes them: the card's limits, the presigned POST's
// conditions, the malware scan (EICAR), the checks of `file` answers at submission, and officers' audited downloads.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { api, cloudState, tokenFor } from '../support/api';
import { type Citizen, freshCitizen, openTask } from '../support/engagement';
import { EICAR, PNG, photoOf, postFile, requestUpload, upload } from '../support/uploads';
import { until } from '../support/wait';

const PASSPORT = { serviceId: 'passport-renewal', channel: 'portal' };
const PHOTO = { serviceId: 'passport-renewal', documentId: 'personal-photo', contentType: 'image/png' };
const answersWith = (photo: string) => ({ passportNumber: 'N1234567', photo, delivery: 'post' });

async function apply(token: string, photo: string) {
  return api('/v1/applications', { method: 'POST', token, body: { ...PASSPORT, answers: answersWith(photo) }, headers: { 'idempotency-key': randomUUID() } });
}

async function myApplications(token: string): Promise<string[]> {
  return (await api('/v1/me/applications?limit=100', { token })).body.items.map((item: { applicationId: string }) => item.applicationId);
}

/** The local cloud's data folder (its outbox is one of its folders). */
const dataDir = () => path.dirname(cloudState().outbox);

let lina: Citizen;
let omar: Citizen;
beforeAll(async () => {
  [lina, omar] = await Promise.all([freshCitizen(), freshCitizen()]);
});

describe('asking to upload', () => {
  it.each([
    ['a file type the document does not take (a PDF for a photo)', { ...PHOTO, contentType: 'application/pdf', sizeBytes: 1000 }, 400, 'upload_type_not_allowed'],
    ['a file larger than the card allows for the document (2 MB for a photo)', { ...PHOTO, sizeBytes: 2 * 1024 * 1024 + 1 }, 400, 'upload_too_large'],
    ['a file larger than the platform allows (10 MB)', { ...PHOTO, documentId: 'old-passport', contentType: 'application/pdf', sizeBytes: 10 * 1024 * 1024 + 1 }, 400, 'validation_failed'],
    ['a document the card does not list', { ...PHOTO, documentId: 'birth-certificate', sizeBytes: 1000 }, 400, 'document_not_on_card'],
    ['a service that does not exist', { ...PHOTO, serviceId: 'no-such-service', sizeBytes: 1000 }, 404, 'service_not_found'],
  ])('refuses %s', async (_case, body, status, code) => {
    const response = await requestUpload(lina.token, body);
    expect({ status: response.status, code: (response.body as { error?: { code: string } }).error?.code }).toEqual({ status, code });
  });

  it('gives a short-lived presigned POST for exactly one key, content type and size', async () => {
    const response = await requestUpload(lina.token, { ...PHOTO, sizeBytes: PNG.length });
    expect(response.status).toBe(201);
    const { upload: created, fields, maxBytes } = response.body;
    expect(created).toMatchObject({ status: 'pending', answer: `doc:${created.uploadId}`, documentId: 'personal-photo' });
    expect(fields).toMatchObject({ key: `uploads/${created.uploadId}`, 'Content-Type': 'image/png' });
    expect(maxBytes).toBe(PNG.length);
    const policy = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    expect(Date.parse(policy.expiration) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    expect(policy.conditions).toEqual(expect.arrayContaining([{ key: fields.key }, { 'Content-Type': 'image/png' }, ['content-length-range', 1, PNG.length]]));
  });

  it.each([
    ['a file larger than the ticket says', (bytes: Buffer) => Buffer.concat([bytes, Buffer.from('more')]), {}, 400, 'EntityTooLarge'],
    ['another content type', (bytes: Buffer) => bytes, { 'Content-Type': 'application/pdf' }, 403, 'AccessDenied'],
    ['another key', (bytes: Buffer) => bytes, { key: 'uploads/01ARZ3NDEKTSV4RRFFQ69G5FAV' }, 403, 'AccessDenied'],
    ['a policy of its own', (bytes: Buffer) => bytes, { Policy: Buffer.from(JSON.stringify({ expiration: '2100-01-01T00:00:00Z', conditions: [] })).toString('base64') }, 403, 'AccessDenied'],
  ])('the storage refuses %s', async (_case, change, fields, status, code) => {
    const ticket = (await requestUpload(lina.token, { ...PHOTO, sizeBytes: PNG.length })).body;
    const posted = await postFile(ticket, change(PNG), 'image/png', { ...ticket.fields, ...fields });
    expect(posted.status).toBe(status);
    expect(posted.text).toContain(`<Code>${code}</Code>`);
    expect((await api(`/v1/uploads/${ticket.upload.uploadId}`, { token: lina.token })).body.status).toBe('pending');
  });

  it("shows an upload to its uploader only", async () => {
    const { uploadId } = await photoOf(lina.token);
    expect((await api(`/v1/uploads/${uploadId}`, { token: lina.token })).body).toMatchObject({ uploadId, status: 'clean' });
    const other = await api(`/v1/uploads/${uploadId}`, { token: omar.token });
    expect({ status: other.status, code: other.body.error.code }).toEqual({ status: 404, code: 'upload_not_found' });
  });
});

describe('file answers at submission', () => {
  it('refuses an infected file (EICAR), creating nothing', async () => {
    const infected = await upload(lina.token, PHOTO, Buffer.from(EICAR, 'latin1'));
    expect(infected.status).toBe('infected');
    const before = await myApplications(lina.token);
    const response = await apply(lina.token, infected.answer);
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 422, code: 'file_infected' });
    expect(response.body.error.details.problems).toEqual([{ field: 'answers.photo', uploadId: infected.uploadId, reason: 'infected' }]);
    expect(await myApplications(lina.token)).toEqual(before);
  });

  it("refuses another person's upload as if it did not exist", async () => {
    const linas = await photoOf(lina.token);
    const response = await apply(omar.token, linas.answer);
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 422, code: 'file_answer_invalid' });
    expect(response.body.error.details.problems).toEqual([{ field: 'answers.photo', uploadId: linas.uploadId, reason: 'not_found' }]);
    const unknown = await apply(omar.token, 'doc:01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(unknown.body.error.details.problems[0].reason).toBe('not_found');
  });

  it("refuses an upload of another of the card's documents", async () => {
    const oldPassport = await upload(lina.token, { serviceId: 'passport-renewal', documentId: 'old-passport', contentType: 'application/pdf' }, Buffer.from('%PDF-1.7 the old passport'));
    const response = await apply(lina.token, oldPassport.answer);
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 422, code: 'file_answer_invalid' });
    expect(response.body.error.details.problems[0].reason).toBe('wrong_document');
  });

  it('asks to retry while the file is not scanned (here: never uploaded)', async () => {
    const ticket = (await requestUpload(lina.token, { ...PHOTO, sizeBytes: PNG.length })).body;
    const response = await apply(lina.token, ticket.upload.answer);
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status: 409, code: 'file_not_scanned' });
  });

  it('checks a draft at its submission too', async () => {
    const infected = await upload(lina.token, PHOTO, Buffer.from(EICAR, 'latin1'));
    const draft = await api('/v1/applications', { method: 'POST', token: lina.token, body: { ...PASSPORT, draft: true, answers: answersWith(infected.answer) }, headers: { 'idempotency-key': randomUUID() } });
    expect(draft.status).toBe(201);
    const submitted = await api(`/v1/applications/${draft.body.applicationId}/submit`, { method: 'POST', token: lina.token, body: { expectedVersion: draft.body.version, channel: 'portal' } });
    expect({ status: submitted.status, code: submitted.body.error?.code }).toEqual({ status: 422, code: 'file_infected' });
    expect((await api(`/v1/applications/${draft.body.applicationId}`, { token: lina.token })).body.status).toBe('draft');
  });
});

describe("officers' downloads", () => {
  it('gives an officer of the agency a short-lived link while the task is open, written to the applicant\'s audit trail; others get 403', async () => {
    const photo = await photoOf(lina.token);
    const submitted = await apply(lina.token, photo.answer);
    expect(submitted.status).toBe(201);
    const applicationId = submitted.body.applicationId as string;
    const route = `/v1/applications/${applicationId}/documents/${photo.uploadId}`;

    const otherAgency = await api(route, { token: await tokenFor('officer-dvld') });
    expect({ status: otherAgency.status, code: otherAgency.body.error?.code, reason: otherAgency.body.error?.details?.reason }).toEqual({ status: 403, code: 'forbidden', reason: 'not_your_agency' });
    const citizen = await api(route, { token: lina.token });
    expect(citizen.status).toBe(403);

    await openTask('cspd', applicationId, 'check-record');
    // The task is in the inbox first, then on the application (what the download checks).
    await until('the step open on the application', async () => (await api(`/v1/applications/${applicationId}`, { token: lina.token })).body.stages[0].steps[0].status === 'open');
    const link = await api(route, { token: await tokenFor('officer-cspd') });
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ contentType: 'image/png', documentId: 'personal-photo' });
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
    const file = await fetch(link.body.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
    const tampered = await fetch(link.body.url.replace(/expires=\d+/, 'expires=4102444800'));
    expect(tampered.status).toBe(403);

    const notOnIt = await api(`/v1/applications/${applicationId}/documents/01ARZ3NDEKTSV4RRFFQ69G5FAV`, { token: await tokenFor('officer-cspd') });
    expect({ status: notOnIt.status, code: notOnIt.body.error?.code }).toEqual({ status: 404, code: 'upload_not_found' });

    const logged = await until('the download in the access log', async () => {
      const log = await api('/v1/me/access-log?limit=100', { token: lina.token });
      return (log.body.items as Array<{ action: string; by: { role: string; agencyId?: string }; fields: string[]; purpose?: string }>).find((item) => item.action === 'document.download');
    });
    expect(logged).toMatchObject({ by: { role: 'officer', agencyId: 'cspd' }, fields: ['photo'] });
    expect(logged.purpose).toContain(photo.uploadId);

    // The submission kept the photo (the lifecycle removes only uploads still pending); an unsubmitted one stays pending.
    const tags = (uploadId: string) => JSON.parse(readFileSync(path.join(dataDir(), 'uploads', 'uploads', `${uploadId}.meta.json`), 'utf8')).tags;
    await until('the photo kept', async () => tags(photo.uploadId)['khidma-state'] === 'submitted');
    const unsubmitted = await photoOf(lina.token);
    expect(tags(unsubmitted.uploadId)).toEqual({ 'khidma-state': 'pending' });
  });
});
