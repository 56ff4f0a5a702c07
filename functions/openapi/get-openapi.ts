import { gunzipSync } from 'node:zlib';
import { getOpenApiRoute } from '../../lib/catalogue/platform';
import { httpHandler } from '../shared/http';
import { environment } from '../shared/environment';

/** The document built when this function was bundled (lib/openapi-bundle.ts), absent when it runs unbundled. */
declare const KHIDMA_OPENAPI_DOCUMENT: string | undefined;

type OpenApiDocument = { readonly info: Record<string, unknown>; readonly servers: readonly unknown[] } & Record<string, unknown>;

let document: OpenApiDocument | undefined;

async function openApiDocument(): Promise<OpenApiDocument> {
  if (!document) {
    const version = environment().KHIDMA_VERSION;
    // A constant in the bundle: esbuild drops the other branch, and the generator and every schema with it.
    const built: OpenApiDocument =
      typeof KHIDMA_OPENAPI_DOCUMENT === 'string'
        ? JSON.parse(gunzipSync(Buffer.from(KHIDMA_OPENAPI_DOCUMENT, 'base64')).toString('utf8'))
        : await Promise.all([import('../../lib/openapi'), import('../../lib/capabilities')]).then(([{ buildOpenApi }, { capabilities }]) => buildOpenApi(capabilities, { version }));
    document = { ...built, info: { ...built.info, version } };
  }
  return document;
}

export const handler = httpHandler(getOpenApiRoute, async ({ headers }) => {
  const served = await openApiDocument();
  // The first server is the address the caller reached (API Gateway sets host and x-forwarded-proto).
  const host = headers.host;
  const here = host && /^[A-Za-z0-9.:[\]-]+$/.test(host) ? `${headers['x-forwarded-proto'] === 'https' ? 'https' : 'http'}://${host}` : undefined;
  return {
    body: here ? { ...served, servers: [{ url: here, description: 'This API (where this document was fetched from)' }, ...served.servers] } : served,
    headers: { 'cache-control': 'public, max-age=300' },
  };
});
