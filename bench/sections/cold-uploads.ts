// The cold-load tour's uploads: a photo asked for, posted to its presigned POST as a browser's form sends it and
// scanned, then named in a submitted passport renewal whose first task an officer downloads it for, so
// download-application-document's recorded event does the route's work (its audit entry included), not a refusal.
import { randomUUID } from 'node:crypto';
import { type ApiAnswer, type CloudClient, until } from '../client';

type Caller = (id: string, request: { path: string; user?: string; method?: string; body?: unknown; headers?: Record<string, string> }) => Promise<ApiAnswer>;

/** A tiny PNG: the signature and a header are all the scanner looks at. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR a small cold-load photo')]);
const PASSPORT = 'passport-renewal';
/** The passport renewal's first step (its agency's officer may then see the application's documents). */
const FIRST_STEP = { agencyId: 'cspd', stepId: 'check-record' };

async function postForm(url: string, fields: Record<string, string>, bytes: Buffer, type: string): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    form.append(name, value);
  }
  form.append('file', new Blob([bytes], { type }), 'photo.png');
  const response = await fetch(url, { method: 'POST', body: form });
  await response.arrayBuffer();
  return response.status;
}

export async function uploadRoutes(client: CloudClient, call: Caller): Promise<void> {
  const ticket = await call('create-upload', { path: '/v1/uploads', user: 'citizen', body: { serviceId: PASSPORT, documentId: 'personal-photo', contentType: 'image/png', sizeBytes: PNG.length } });
  const upload = ticket.body?.upload as { uploadId: string; answer: string } | undefined;
  if (!upload) {
    return;
  }
  await call('get-upload', { path: `/v1/uploads/${upload.uploadId}`, user: 'citizen' });
  if ((await postForm(ticket.body.url as string, ticket.body.fields as Record<string, string>, PNG, 'image/png')) !== 204) {
    return;
  }
  await until(`the scan of ${upload.uploadId}`, async () => ((await client.call(`/v1/uploads/${upload.uploadId}`, 'citizen')).body?.status === 'clean' ? true : undefined));
  const answers = { passportNumber: 'N1234567', photo: upload.answer, delivery: 'post' };
  const submitted = await client.call('/v1/applications', 'citizen', { method: 'POST', body: { serviceId: PASSPORT, channel: 'portal', answers }, headers: { 'idempotency-key': randomUUID() } });
  const applicationId = submitted.body?.applicationId as string | undefined;
  if (!applicationId) {
    return;
  }
  await until(`task ${FIRST_STEP.stepId} of ${applicationId}`, async () => ((await client.taskStatus(`${applicationId}.${FIRST_STEP.stepId}`)) === 'open' ? true : undefined));
  // The task is in the inbox first, then on the application (what the download checks).
  await until(`the step open on ${applicationId}`, async () => ((await client.call(`/v1/applications/${applicationId}`, 'citizen')).body?.stages?.[0]?.steps?.[0]?.status === 'open' ? true : undefined));
  await call('download-application-document', { path: `/v1/applications/${applicationId}/documents/${upload.uploadId}`, user: `officer-${FIRST_STEP.agencyId}` });
}
