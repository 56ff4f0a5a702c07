// A submission's `file` answers checked against the uploads they name (one batch read): each upload exists,
// was uploaded by the applicant (or by whoever submits for them), is for the field's document, and is clean.
// Another person's upload is answered as one that does not exist: its existence is none of the caller's business.
import type { ServiceCard } from '../../../schemas/services';
import { Conflict, HttpError } from '../../shared/errors';
import { type StoredUpload, uploadIdOfAnswer } from '../../uploads/domain/records';

export type UploadFacts = Pick<StoredUpload, 'uploadId' | 'documentId' | 'owner' | 'status'>;

export interface UploadReader {
  /** The uploads with these ids that exist (one BatchGetItem; functions/applications/dynamo-applications.ts). */
  getUploads(uploadIds: readonly string[]): Promise<UploadFacts[]>;
}

/**
 * Throws 422 file_answer_invalid (missing, not the applicant's, another document), 422 file_infected, or 409
 * file_not_scanned (retry shortly), naming the fields; answers without a file field read nothing.
 */
export async function checkFileAnswers(
  reader: UploadReader,
  form: Pick<ServiceCard, 'form'>,
  answers: Readonly<Record<string, unknown>>,
  who: { readonly principal: { readonly sub: string }; readonly applicant: { readonly kind: string; readonly recordId: string } },
): Promise<void> {
  const named = form.form.fields.flatMap((field) => {
    const uploadId = field.type === 'file' ? uploadIdOfAnswer(answers[field.id]) : undefined;
    return uploadId ? [{ field: `answers.${field.id}`, documentId: field.documentId, uploadId }] : [];
  });
  if (named.length === 0) {
    return;
  }
  const found = new Map((await reader.getUploads(named.map((entry) => entry.uploadId))).map((upload) => [upload.uploadId, upload]));
  const problems = named.map(({ field, documentId, uploadId }) => {
    const upload = found.get(uploadId);
    const { owner } = upload ?? {};
    const mine = owner && (owner.sub === who.principal.sub || (owner.subject.kind === who.applicant.kind && owner.subject.recordId === who.applicant.recordId));
    const reason = !mine ? 'not_found' : documentId && upload!.documentId !== documentId ? 'wrong_document' : upload!.status;
    return { field, uploadId, reason };
  });
  const of = (...reasons: string[]) => problems.filter((problem) => reasons.includes(problem.reason));
  if (of('not_found', 'wrong_document').length > 0) {
    throw new HttpError(422, 'file_answer_invalid', 'A file answer names no upload of yours for its document', { problems: of('not_found', 'wrong_document') });
  }
  if (of('infected').length > 0) {
    throw new HttpError(422, 'file_infected', 'Malware found in an uploaded file', { problems: of('infected') });
  }
  if (of('pending').length > 0) {
    throw new Conflict('file_not_scanned', 'An uploaded file is not scanned yet: retry shortly', { problems: of('pending'), retryAfterSeconds: 2 });
  }
}
