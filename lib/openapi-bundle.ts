// The OpenAPI document is built when the get-openapi function is bundled, not at its cold start: generating it
// (every route's zod schemas turned into JSON Schema) took some 200 ms of each cold start and held the whole
// catalogue's schemas in its bundle. esbuild `define`s it, gzipped and in base64 (38 KB for 437 KB of JSON), for
// CapabilityFunction (CDK) and the bench alike; without it (the local cloud, tests) the function builds it on
// first use, from the same code.
import { gzipSync } from 'node:zlib';
import { capabilities } from './capabilities';
import { buildOpenApi } from './openapi';
import { BUNDLED_OPENAPI_VERSION } from './openapi-version';

/** The global the get-openapi function reads the bundled document from (functions/openapi/get-openapi.ts). */
export const OPENAPI_DOCUMENT_GLOBAL = 'KHIDMA_OPENAPI_DOCUMENT';
const OPENAPI_ENTRY = 'functions/openapi/get-openapi.ts';
export { BUNDLED_OPENAPI_VERSION };

let encoded: string | undefined;

/** The document as the function's bundle holds it: gzipped JSON, base64. */
export function encodedOpenApi(): string {
  return (encoded ??= gzipSync(JSON.stringify(buildOpenApi(capabilities, { version: BUNDLED_OPENAPI_VERSION })), { level: 9 }).toString('base64'));
}

/** esbuild's `define` for a function's bundle (entry relative to the repository root), if it needs one. */
export function bundleDefines(entry: string): Record<string, string> | undefined {
  return entry.replace(/\\/g, '/') === OPENAPI_ENTRY ? { [OPENAPI_DOCUMENT_GLOBAL]: JSON.stringify(encodedOpenApi()) } : undefined;
}
