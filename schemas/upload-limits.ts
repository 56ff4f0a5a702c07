// The file types and size a service card's document may accept (plain constants: the card schema and every
// function that reads cards take these in without the upload schemas).
export const uploadContentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type UploadContentType = (typeof uploadContentTypes)[number];
/** The platform's largest upload: 10 MB, unless the card says less for a document. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const uploadStatuses = ['pending', 'clean', 'infected'] as const;
export type UploadStatus = (typeof uploadStatuses)[number];
