// A `file` field of a form: the chosen file is checked against the card's document (types, size), sent straight
// to storage with the presigned POST that POST /v1/uploads answers, and followed until the malware scan's verdict.
// Only a clean upload becomes the field's answer (`doc:<uploadId>`, kept in the input's data-answer).
import { ApiError, call } from './api';
import { h } from './dom';
import { lang, number, t } from './i18n';
import type { Json } from './ui';

const defaultTypes = ['application/pdf', 'image/jpeg', 'image/png'];
const MB = 1024 * 1024;

/** The file input (labelled by the form) and the live status line under it. */
export function fileControl(serviceId: string, document: Json | undefined, saved: unknown): { input: HTMLInputElement; status: HTMLElement } {
  const types: string[] = document?.contentTypes ?? defaultTypes;
  const maxBytes: number = document?.maxBytes ?? 10 * MB;
  const input = h('input', { type: 'file', accept: types.join(',') }) as HTMLInputElement;
  const status = h('p', { class: 'hint', role: 'status' }, t('fileLimits', { types: types.map((type) => type.split('/')[1]!.toUpperCase()).join(lang() === 'ar' ? '، ' : ', '), size: number(Math.round((maxBytes / MB) * 10) / 10) }));
  if (typeof saved === 'string' && saved.startsWith('doc:')) {
    input.dataset.answer = saved;
    status.textContent = t('fileKept');
  }
  const say = (text: string, error = false) => {
    status.textContent = text;
    status.className = error ? 'hint error' : 'hint';
    if (error) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    delete input.dataset.answer;
    if (!file) return;
    if (!types.includes(file.type)) return say(t('fileWrongType'), true);
    if (file.size > maxBytes || file.size === 0) return say(t('fileTooBig'), true);
    say(t('fileUploading'));
    upload(serviceId, String(document?.documentId), file).then(
      (verdict) => {
        if (verdict.status === 'clean') {
          input.dataset.answer = verdict.answer;
          say(t('fileClean'));
        } else {
          say(verdict.status === 'infected' ? t('fileInfected') : t('fileScanSlow'), true);
        }
      },
      (error: unknown) => say(error instanceof ApiError ? error.message : t('fileFailed'), true),
    );
  });
  return { input, status };
}

async function upload(serviceId: string, documentId: string, file: File): Promise<{ status: string; answer: string }> {
  const { body: ticket } = await call('POST', '/v1/uploads', { serviceId, documentId, contentType: file.type, sizeBytes: file.size });
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields as Record<string, string>)) form.append(name, value);
  form.append('file', file);
  const stored = await fetch(ticket.url, { method: 'POST', body: form });
  if (!stored.ok) throw new Error(String(stored.status));
  // The scan runs after storage has the file: ask for its verdict for up to a minute.
  for (let asked = 0; asked < 120; asked++) {
    const { body } = await call('GET', `/v1/uploads/${ticket.upload.uploadId}`);
    if (body.status !== 'pending') return { status: body.status, answer: ticket.upload.answer };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { status: 'pending', answer: ticket.upload.answer };
}
