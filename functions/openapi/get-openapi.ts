import { gunzipSync } from 'node:zlib';
import { getOpenApiRoute } from '../../lib/catalogue/platform';
import { BUNDLED_OPENAPI_VERSION } from '../../lib/openapi-version';
import { httpHandler } from '../shared/http';
import { environment } from '../shared/environment';

/** The document built when this function was bundled (lib/openapi-bundle.ts), absent when it runs unbundled. */
declare const KHIDMA_OPENAPI_DOCUMENT: string | undefined;

const SERVERS = '"servers":[';
let document: string | undefined;

/**
 * The document as JSON text, with the deployed version. Kept and served as text: parsing its 437 KB and serializing
 * them again took most of a cold start's first event (bench/PERFORMANCE.md, "Cold load, third pass").
 */
async function openApiDocument(): Promise<string> {
  if (document === undefined) {
    const version = environment().KHIDMA_VERSION;
    // A constant in the bundle: esbuild drops the other branch, and the generator and every schema with it.
    const built =
      typeof KHIDMA_OPENAPI_DOCUMENT === 'string'
        ? gunzipSync(Buffer.from(KHIDMA_OPENAPI_DOCUMENT, 'base64')).toString('utf8')
        : await Promise.all([import('../../lib/openapi'), import('../../lib/capabilities')]).then(([{ buildOpenApi }, { capabilities }]) => JSON.stringify(buildOpenApi(capabilities, { version })));
    // JSON.stringify's text: a key is `"name":`, a quote inside a string is escaped, so these are info's version and the top-level servers.
    const versionField = `"version":${JSON.stringify(BUNDLED_OPENAPI_VERSION)}`;
    document = built.replace(versionField, () => `"version":${JSON.stringify(version)}`);
    if (!document.includes(SERVERS)) {
      throw new Error('The OpenAPI document has no servers');
    }
  }
  return document;
}

export const handler = httpHandler(getOpenApiRoute, async ({ headers }) => {
  const served = await openApiDocument();
  // The first server is the address the caller reached (API Gateway sets host and x-forwarded-proto).
  const host = headers.host;
  const here = host && /^[A-Za-z0-9.:[\]-]+$/.test(host) ? `${headers['x-forwarded-proto'] === 'https' ? 'https' : 'http'}://${host}` : undefined;
  const server = here && JSON.stringify({ url: here, description: 'This API (where this document was fetched from)' });
  return {
    json: server ? served.replace(SERVERS, () => `${SERVERS}${server},`) : served,
    headers: { 'cache-control': 'public, max-age=300' },
  };
});
