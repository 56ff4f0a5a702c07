import { capabilities } from '../../lib/capabilities';
import { getOpenApiRoute } from '../../lib/catalogue/platform';
import { buildOpenApi } from '../../lib/openapi';
import { httpHandler } from '../shared/http';
import { environment } from '../shared/environment';

const document = buildOpenApi(capabilities, { version: environment().KHIDMA_VERSION });

export const handler = httpHandler(getOpenApiRoute, async ({ headers }) => {
  // The first server is the address the caller reached (API Gateway sets host and x-forwarded-proto).
  const host = headers.host;
  const here = host && /^[A-Za-z0-9.:[\]-]+$/.test(host) ? `${headers['x-forwarded-proto'] === 'https' ? 'https' : 'http'}://${host}` : undefined;
  return {
    body: here ? { ...document, servers: [{ url: here, description: 'This API (where this document was fetched from)' }, ...document.servers] } : document,
    headers: { 'cache-control': 'public, max-age=300' },
  };
});
