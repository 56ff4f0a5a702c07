// Uploads as a browser makes them: ask for a presigned POST, send the form (fields, then the file) to its URL.
import { api } from './api';
import { until } from './wait';

/** The EICAR anti-virus test file: harmless, and reported as infected by every scanner. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
/** A tiny PNG (the signature and a header are all a scanner needs here). */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR a small test photo')]);

export interface Ticket {
  readonly upload: { uploadId: string; answer: string; status: string };
  readonly url: string;
  readonly fields: Record<string, string>;
  readonly maxBytes: number;
}

export async function requestUpload(token: string, body: { serviceId: string; documentId: string; contentType: string; sizeBytes: number }) {
  return api<Ticket>('/v1/uploads', { method: 'POST', token, body });
}

/** Sends the presigned POST as a browser's form would; `fields` may be changed to see a condition enforced. */
export async function postFile(ticket: Pick<Ticket, 'url' | 'fields'>, bytes: Buffer, type: string, fields = ticket.fields): Promise<{ status: number; text: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    form.append(name, value);
  }
  form.append('file', new Blob([bytes], { type }), 'document');
  const response = await fetch(ticket.url, { method: 'POST', body: form });
  return { status: response.status, text: await response.text() };
}

/** Uploads a file and waits for the scan's verdict; returns the `file` answer (doc:<uploadId>) and the verdict. */
export async function upload(
  token: string,
  document: { serviceId: string; documentId: string; contentType: string },
  bytes: Buffer = PNG,
): Promise<{ uploadId: string; answer: string; status: 'clean' | 'infected' }> {
  const ticket = await requestUpload(token, { ...document, sizeBytes: bytes.length });
  if (ticket.status !== 201) {
    throw new Error(`asking to upload: ${ticket.status} ${ticket.text}`);
  }
  const posted = await postFile(ticket.body, bytes, document.contentType);
  if (posted.status !== 204) {
    throw new Error(`uploading: ${posted.status} ${posted.text}`);
  }
  const { uploadId, answer } = ticket.body.upload;
  const status = await until(`the scan of ${uploadId}`, async () => {
    const found = await api(`/v1/uploads/${uploadId}`, { token });
    return found.body.status === 'pending' ? undefined : (found.body.status as 'clean' | 'infected');
  });
  return { uploadId, answer, status };
}

/** A clean photo for a passport or ID card application. */
export const photoOf = (token: string, serviceId = 'passport-renewal') => upload(token, { serviceId, documentId: 'personal-photo', contentType: 'image/png' });
