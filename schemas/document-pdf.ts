// The issued document as a printable PDF (Arabic and English, with the QR code of its verification link).
import * as z from 'zod/mini';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

export const DocumentPdf = schema(() => z
  .string()
  .register(z.globalRegistry, { id: 'DocumentPdf', description: 'The document as a one-page PDF (application/pdf), Arabic and English, with the QR code of its public verification link' }));
