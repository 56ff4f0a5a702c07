// Document uploads: a presigned POST for a document a service card asks for, its scan status, an officer's download link.
import * as z from 'zod/mini';
import { Slug } from './common';

import { MAX_UPLOAD_BYTES, uploadContentTypes, uploadStatuses } from './upload-limits';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

export { MAX_UPLOAD_BYTES, type UploadContentType, uploadContentTypes, type UploadStatus, uploadStatuses } from './upload-limits';

export const UploadId = schema(() => z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an upload id')));
export const UploadIdParams = schema(() => z.strictObject({ uploadId: UploadId }));
export const ApplicationUploadParams = schema(() => z.strictObject({
  applicationId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an application id')),
  uploadId: UploadId,
}));

export const CreateUploadBody = schema(() => z
  .strictObject({
    serviceId: Slug,
    /** One of the card's `requiredDocuments`. */
    documentId: Slug,
    contentType: z.enum(uploadContentTypes),
    /** The file's size in bytes; the upload itself may not exceed it. */
    sizeBytes: z.int().check(z.minimum(1), z.maximum(MAX_UPLOAD_BYTES)),
  })
  .register(z.globalRegistry, { id: 'CreateUploadBody' }));

export const Upload = schema(() => z
  .strictObject({
    uploadId: z.string(),
    /** The value of a `file` answer that names this upload. */
    answer: z.string(),
    serviceId: z.string(),
    documentId: z.string(),
    contentType: z.enum(uploadContentTypes),
    sizeBytes: z.int(),
    /** `pending` until the malware scan has looked at the uploaded file; only `clean` uploads may be submitted. */
    status: z.enum(uploadStatuses),
    createdAt: z.string(),
    scannedAt: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'Upload', description: 'An uploaded document and its malware scan status' }));
export type Upload = z.infer<typeof Upload>;

/** A presigned POST: send `fields` then the file (as the form's last part, named `file`) to `url`, before `expiresAt`. */
export const UploadTicket = schema(() => z
  .strictObject({
    upload: Upload,
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    expiresAt: z.string(),
    maxBytes: z.int(),
  })
  .register(z.globalRegistry, { id: 'UploadTicket', description: 'Where and how to upload the file: a short-lived presigned POST' }));

export const DownloadLink = schema(() => z
  .strictObject({ url: z.string(), expiresAt: z.string(), contentType: z.enum(uploadContentTypes), documentId: z.string() })
  .register(z.globalRegistry, { id: 'DownloadLink', description: 'A short-lived link to download an uploaded document' }));
