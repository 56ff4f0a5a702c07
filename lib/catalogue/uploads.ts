// Document uploads: presigned POSTs for a card's documents, their scan status, and officers' audited downloads.
import * as z from 'zod/mini';
import { ApplicationUploadParams, CreateUploadBody, DownloadLink, Upload, UploadIdParams, UploadTicket } from '../../schemas/uploads';
import type { Capability, RouteContract } from './types';

const none = z.strictObject({});
const tag = 'Uploads';

export const createUploadRoute = {
  method: 'POST',
  path: '/v1/uploads',
  operationId: 'createUpload',
  summary:
    "Upload a document the service card asks for: a short-lived presigned POST (the card's file types, at most 10 MB or less if the card says so). The file is scanned for malware after upload; name it in a `file` answer as `doc:<uploadId>` once its status is clean",
  tag,
  access: ['citizen'],
  principal: 'linked',
  query: none,
  body: CreateUploadBody,
  response: UploadTicket,
  successStatus: 201,
  errorCodes: ['document_not_on_card', 'service_not_found', 'upload_too_large', 'upload_type_not_allowed'],
  errors: [404],
  maxBodyBytes: 4_096, // 4 KiB
} as const satisfies RouteContract;

export const getUploadRoute = {
  method: 'GET',
  path: '/v1/uploads/{uploadId}',
  operationId: 'getUpload',
  summary: 'Your upload and its malware scan status (pending, clean or infected)',
  tag,
  access: ['citizen'],
  principal: 'linked',
  params: UploadIdParams,
  query: none,
  response: Upload,
  successStatus: 200,
  errorCodes: ['upload_not_found'],
  errors: [404],
} as const satisfies RouteContract;

export const downloadDocumentRoute = {
  method: 'GET',
  path: '/v1/applications/{applicationId}/documents/{uploadId}',
  operationId: 'downloadApplicationDocument',
  summary:
    "An officer of an agency on the application, while its task is open or decided: a short-lived link to a document the applicant uploaded; each link is written to the applicant's audit trail",
  tag,
  access: ['officer'],
  principal: 'linked',
  params: ApplicationUploadParams,
  query: none,
  response: DownloadLink,
  successStatus: 200,
  errorCodes: ['application_not_found', 'file_infected', 'upload_not_found'],
  errors: [404, 422],
} as const satisfies RouteContract;

export const uploadCapabilities: readonly Capability[] = [
  {
    id: 'create-upload',
    entry: 'functions/uploads/create-upload.ts',
    route: createUploadRoute,
    tables: { applications: 'readwrite', catalogue: 'read', registry: 'read' },
    uploads: ['post'],
  },
  {
    id: 'get-upload',
    entry: 'functions/uploads/get-upload.ts',
    route: getUploadRoute,
    tables: { applications: 'read', registry: 'read' },
  },
  {
    id: 'download-application-document',
    entry: 'functions/uploads/download-document.ts',
    route: downloadDocumentRoute,
    tables: { applications: 'read', registry: 'read', audit: 'append' },
    uploads: ['get'],
  },
];
