// The issued document as a printable PDF (Arabic and English, with the QR code of its verification link).
import * as z from 'zod/mini';

export const DocumentPdf = z
  .string()
  .register(z.globalRegistry, { id: 'DocumentPdf', description: 'The document as a one-page PDF (application/pdf), Arabic and English, with the QR code of its public verification link' });
