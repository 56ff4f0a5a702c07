// An upload as stored (the applications table, beside the applications that use it) and as the submission
// check reads it: kept apart from the upload use cases so the submission path takes in nothing else.
import type { UploadContentType, UploadStatus } from '../../../schemas/upload-limits';

export interface StoredUpload {
  readonly uploadId: string;
  readonly serviceId: string;
  readonly documentId: string;
  readonly contentType: UploadContentType;
  readonly sizeBytes: number;
  readonly maxBytes: number;
  /** The object's key in the upload bucket (`uploads/<uploadId>`). */
  readonly key: string;
  /** Who uploaded it: their account and registry record. */
  readonly owner: { readonly sub: string; readonly subject: { readonly kind: string; readonly recordId: string } };
  readonly status: UploadStatus;
  readonly createdAt: string;
  /** When the presigned POST stops being accepted. */
  readonly expiresAt: string;
  readonly scannedAt?: string;
}

/** `UPLOAD#<uploadId>` / `UPLOAD` in the applications table. */
export const uploadKey = (uploadId: string) => ({ pk: `UPLOAD#${uploadId}`, sk: 'UPLOAD' });
export const objectKeyOf = (uploadId: string) => `uploads/${uploadId}`;
/** The upload an object key names (the scanner reports keys), if it is one of ours. */
export const uploadIdOfKey = (key: string) => /^uploads\/([0-9A-HJKMNP-TV-Z]{26})$/.exec(key)?.[1];
/** A `file` answer: `doc:<uploadId>`. */
export const answerOf = (uploadId: string) => `doc:${uploadId}`;
export const uploadIdOfAnswer = (answer: unknown) => (typeof answer === 'string' ? /^doc:(.+)$/.exec(answer)?.[1] : undefined);
