// The portal served by the local cloud on the API's own port (same origin, as CloudFront serves it with /v1/*).
import type http from 'node:http';
import type { HttpResponse } from '../functions/shared/http';
import { buildPortal, type PortalConfig, portalSecurityHeaders } from '../lib/platform/portal';

export function portalFiles(config: PortalConfig): (req: http.IncomingMessage, pathname: string) => Promise<HttpResponse | undefined> {
  const files = new Map(buildPortal().map((file) => [file.path, file]));
  const configBody = Buffer.from(JSON.stringify(config));
  const security = portalSecurityHeaders(config.cognitoEndpoint, config.uploadsUrl);
  return async (req, pathname) => {
    if (pathname === '/portal-config.json') {
      return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-cache', ...security }, body: configBody.toString('utf8') };
    }
    const file = files.get(pathname === '/' ? '/index.html' : pathname);
    if (!file) {
      return undefined;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? file.gzip : file.body;
    return {
      statusCode: 200,
      headers: {
        'content-type': file.contentType,
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
        ...security,
      },
      body: req.method === 'HEAD' ? '' : body.toString('base64'),
      isBase64Encoded: true,
    };
  };
}
