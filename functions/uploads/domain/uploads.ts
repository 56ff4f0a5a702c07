// Document uploads (no AWS types): a short-lived presigned POST for a document the service card asks for, the
// malware scan's verdict recorded on the upload, and officers' short-lived download links, each audited.
import { ulid } from 'ulid';
import type { ServiceCard } from '../../../schemas/services';
import { MAX_UPLOAD_BYTES, type Upload, type UploadContentType, uploadContentTypes } from '../../../schemas/uploads';
import type { StoredApplication } from '../../applications/domain/applications';
import type { AuditEntry } from '../../registry/domain/audit-chain';
import { BadRequest, Forbidden, HttpError, NotFound } from '../../shared/errors';
import type { Principal } from '../../shared/identity';
import { answerOf, objectKeyOf, type StoredUpload, uploadIdOfAnswer, uploadIdOfKey } from './records';

/** How long a presigned POST is accepted, and a download link works. */
export const UPLOAD_WINDOW_SECONDS = 15 * 60;
export const DOWNLOAD_SECONDS = 5 * 60;

export interface UploadStore {
  create(upload: StoredUpload): Promise<void>;
  get(uploadId: string): Promise<StoredUpload | undefined>;
  /** Records the scan's verdict on a pending upload; the first verdict stands. Undefined when there is no such upload. */
  setStatus(uploadId: string, status: 'clean' | 'infected', at: string): Promise<StoredUpload | undefined>;
}

/** The object store (S3, or the local cloud's files): presigned requests only, the functions never carry the bytes. */
export interface ObjectStorage {
  /** A POST a browser sends the file with: exactly this key and content type, at most `maxBytes`, until `expiresAt`. */
  presignPost(input: { key: string; contentType: UploadContentType; maxBytes: number; expiresAt: Date }): Promise<{ url: string; fields: Record<string, string> }>;
  presignGet(input: { key: string; contentType: UploadContentType; filename: string; expiresAt: Date }): Promise<string>;
  /** Tags the object submitted (its other tags, e.g. the scanner's, kept): the bucket's lifecycle no longer removes it. */
  keep(key: string): Promise<void>;
}

export interface UploadDeps {
  readonly uploads: UploadStore;
  readonly storage: ObjectStorage;
  readonly cards: { getCurrent(serviceId: string): Promise<ServiceCard | undefined> };
  readonly applications: { get(applicationId: string): Promise<StoredApplication | undefined> };
  readonly audit: { append(entry: AuditEntry): Promise<unknown> };
  readonly now: () => Date;
}

export const viewOf = (upload: StoredUpload): Upload => ({
  uploadId: upload.uploadId,
  answer: answerOf(upload.uploadId),
  serviceId: upload.serviceId,
  documentId: upload.documentId,
  contentType: upload.contentType,
  sizeBytes: upload.sizeBytes,
  status: upload.status,
  createdAt: upload.createdAt,
  ...(upload.scannedAt ? { scannedAt: upload.scannedAt } : {}),
});

function ownerOf(principal: Principal): StoredUpload['owner'] {
  if (!principal.subject) {
    throw new Forbidden('Uploads are for citizens and residents with a registry record', { reason: 'no_subject' });
  }
  return { sub: principal.sub, subject: { kind: principal.subject.kind, recordId: principal.subject.recordId } };
}

/** POST /v1/uploads: a presigned POST for one document of the card, within the document's type and size limits. */
export async function createUpload(
  deps: UploadDeps,
  principal: Principal,
  request: { serviceId: string; documentId: string; contentType: UploadContentType; sizeBytes: number },
) {
  const owner = ownerOf(principal);
  const card = await deps.cards.getCurrent(request.serviceId);
  if (!card) {
    throw new NotFound('service_not_found', `No service with id ${request.serviceId}`);
  }
  const document = card.requiredDocuments.find((candidate) => candidate.documentId === request.documentId);
  if (!document) {
    throw new BadRequest('document_not_on_card', `${card.name.en} does not ask for a document ${request.documentId}`, {
      documentId: request.documentId,
      documents: card.requiredDocuments.map((candidate) => candidate.documentId),
    });
  }
  const accepted = document.contentTypes ?? uploadContentTypes;
  if (!accepted.includes(request.contentType)) {
    throw new BadRequest('upload_type_not_allowed', `${document.name.en}: ${request.contentType} is not accepted`, { contentType: request.contentType, accepted });
  }
  const maxBytes = Math.min(document.maxBytes ?? MAX_UPLOAD_BYTES, MAX_UPLOAD_BYTES);
  if (request.sizeBytes > maxBytes) {
    throw new BadRequest('upload_too_large', `${document.name.en} may be at most ${maxBytes} bytes`, { sizeBytes: request.sizeBytes, maxBytes });
  }
  const now = deps.now();
  const uploadId = ulid(now.getTime());
  const expiresAt = new Date(now.getTime() + UPLOAD_WINDOW_SECONDS * 1000);
  const upload: StoredUpload = {
    uploadId,
    serviceId: card.serviceId,
    documentId: document.documentId,
    contentType: request.contentType,
    sizeBytes: request.sizeBytes,
    // The declared size is the most the POST accepts: the policy's content-length-range.
    maxBytes: request.sizeBytes,
    key: objectKeyOf(uploadId),
    owner,
    status: 'pending',
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
  const post = await deps.storage.presignPost({ key: upload.key, contentType: upload.contentType, maxBytes: upload.maxBytes, expiresAt });
  await deps.uploads.create(upload);
  return { upload: viewOf(upload), url: post.url, fields: post.fields, expiresAt: upload.expiresAt, maxBytes: upload.maxBytes };
}

/** GET /v1/uploads/{uploadId}: the uploader's own upload and its scan status. */
export async function getUpload(deps: UploadDeps, principal: Principal, uploadId: string): Promise<Upload> {
  const upload = await deps.uploads.get(uploadId);
  if (!upload || upload.owner.sub !== principal.sub) {
    throw new NotFound('upload_not_found', `No upload ${uploadId} of yours`);
  }
  return viewOf(upload);
}

/** The malware scan's verdict on an object (GuardDuty in AWS, the local scanner here); objects not ours are ignored. */
export async function recordScanResult(deps: Pick<UploadDeps, 'uploads' | 'now'>, key: string, verdict: 'clean' | 'infected'): Promise<StoredUpload | undefined> {
  const uploadId = uploadIdOfKey(key);
  return uploadId ? deps.uploads.setStatus(uploadId, verdict, deps.now().toISOString()) : undefined;
}

/** Step states in which an agency's officers work on (or have decided) the application. */
const workingStates: readonly string[] = ['open', 'info-requested', 'approved', 'rejected'];

/** The application, if the officer's agency has a task on it that is open or decided; 404 or 403 otherwise. */
async function officersApplication(deps: UploadDeps, officer: Principal, applicationId: string): Promise<StoredApplication> {
  const application = await deps.applications.get(applicationId);
  if (!application || application.status === 'draft') {
    throw new NotFound('application_not_found', `No application ${applicationId}`);
  }
  const steps = application.stages.flatMap((stage) => stage.steps).filter((step) => step.agencyId === officer.agencyId);
  if (steps.length === 0) {
    throw new Forbidden('Only officers of the agencies on the application see its documents', { reason: 'not_your_agency' });
  }
  if (!steps.some((step) => workingStates.includes(step.status))) {
    throw new Forbidden("Your agency's task on this application is not open", { reason: 'task_not_open' });
  }
  return application;
}

/**
 * GET /v1/applications/{applicationId}/documents/{uploadId}: a short-lived link for an officer of an agency whose
 * task on the application is open or decided; the download is written to the applicant's audit trail.
 */
export async function downloadLink(deps: UploadDeps, officer: Principal, applicationId: string, uploadId: string, requestId?: string) {
  const application = await officersApplication(deps, officer, applicationId);
  const field = Object.entries(application.answers).find(([, answer]) => uploadIdOfAnswer(answer) === uploadId)?.[0];
  const upload = field ? await deps.uploads.get(uploadId) : undefined;
  if (!field || !upload) {
    throw new NotFound('upload_not_found', `The application has no document ${uploadId}`);
  }
  if (upload.status !== 'clean') {
    throw new HttpError(422, 'file_infected', 'The malware scan found a threat in this file', { uploadId });
  }
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + DOWNLOAD_SECONDS * 1000);
  const extension = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[upload.contentType];
  const url = await deps.storage.presignGet({ key: upload.key, contentType: upload.contentType, filename: `${upload.documentId}-${uploadId}.${extension}`, expiresAt });
  await deps.audit.append({
    subject: `${application.applicant.kind}:${application.applicant.recordId}`,
    action: 'document.download',
    at: now.toISOString(),
    actor: { id: officer.sub, role: officer.role, ...(officer.agencyId ? { agencyId: officer.agencyId } : {}) },
    fields: [field],
    purpose: `application ${application.reference ?? applicationId}: ${upload.documentId} (${uploadId})`,
    ...(requestId ? { requestId } : {}),
  });
  return { url, expiresAt: expiresAt.toISOString(), contentType: upload.contentType, documentId: upload.documentId };
}

/** On a submission: the application's uploaded documents are kept (the lifecycle removes uploads never submitted). */
export async function keepUploads(deps: Pick<UploadDeps, 'applications' | 'storage'>, applicationId: string): Promise<string[]> {
  const application = await deps.applications.get(applicationId);
  const uploadIds = Object.values(application?.answers ?? {}).flatMap((answer) => uploadIdOfAnswer(answer) ?? []);
  for (const uploadId of uploadIds) {
    await deps.storage.keep(objectKeyOf(uploadId));
  }
  return uploadIds;
}
