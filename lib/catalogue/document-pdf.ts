// The holder's document as a PDF: its own function (a PDF writer, fonts and a QR encoder stay out of the wallet's
// and verification's bundles). The fonts ship as files beside the handler, not inside its code.
import * as z from 'zod/mini';
import { DocumentIdParams } from '../../schemas/documents';
import { DocumentPdf } from '../../schemas/document-pdf';
import type { Capability, RouteContract } from './types';

const none = z.strictObject({});

/** Noto Naskh Arabic (SIL Open Font License 1.1: embedding in documents allowed), its Arabic and Latin files. */
export const documentFontFiles = {
  arabic: 'node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff',
  latin: 'node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-latin-400-normal.woff',
} as const;

export const getDocumentPdfRoute = {
  method: 'GET',
  path: '/v1/me/documents/{documentId}/pdf',
  operationId: 'getMyDocumentPdf',
  summary:
    'One of your documents as a printable PDF: Arabic (right) and English (left), the card\'s fields, issue and expiry dates, its status, and a QR code of its public verification link',
  tag: 'Documents',
  access: ['citizen'],
  principal: 'linked',
  params: DocumentIdParams,
  query: none,
  response: DocumentPdf,
  mediaType: 'application/pdf',
  responseHeaders: ['content-disposition'],
  successStatus: 200,
  errorCodes: ['document_not_found'],
  errors: [404],
} as const satisfies RouteContract;

export const documentPdfCapabilities: readonly Capability[] = [
  {
    id: 'get-document-pdf',
    entry: 'functions/documents/get-document-pdf.ts',
    route: getDocumentPdfRoute,
    tables: { applications: 'read', catalogue: 'read', registry: 'read' },
    bundledFiles: Object.values(documentFontFiles),
    publicLinks: true,
    memoryMb: 512,
  },
];
