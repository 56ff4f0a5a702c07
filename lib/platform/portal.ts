// The portal's static files, built with esbuild (no framework: plain TypeScript modules and DOM calls), and the
// security headers every answer carries, the same from the local cloud and from CloudFront.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';

const source = path.resolve(__dirname, '../../portal');

/** What one page may load: the whole app is one script; `npm test` (test/unit/portal-build.test.ts) keeps to it. */
export const portalBudget = { scriptGzipBytes: 25 * 1024, styleGzipBytes: 4 * 1024 } as const;

export interface PortalFile {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
}

export function buildPortal(): PortalFile[] {
  const built = buildSync({
    entryPoints: [path.join(source, 'src/main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    write: false,
    legalComments: 'none',
  });
  const file = (name: string, contentType: string, body: Buffer): PortalFile => ({ path: name, contentType, body, gzip: gzipSync(body, { level: 9 }) });
  return [
    file('/index.html', 'text/html; charset=utf-8', readFileSync(path.join(source, 'index.html'))),
    file('/app.css', 'text/css; charset=utf-8', readFileSync(path.join(source, 'app.css'))),
    file('/app.js', 'text/javascript; charset=utf-8', Buffer.from(built.outputFiles[0]!.contents)),
  ];
}

/** Writes the built files to a folder (what CDK uploads to the portal's bucket). */
export function writePortal(directory: string, config: PortalConfig): string {
  mkdirSync(directory, { recursive: true });
  for (const file of buildPortal()) {
    writeFileSync(path.join(directory, file.path), file.body);
  }
  writeFileSync(path.join(directory, 'portal-config.json'), JSON.stringify(config));
  return directory;
}

/** Where the browser signs in: Cognito's endpoint and the portal's app client. */
export interface PortalConfig {
  readonly cognitoEndpoint: string;
  readonly clientId: string;
  /** The payment provider's pay page (`<url>/<billNumber>?return=`); without it the portal says where to pay the bill. */
  readonly paymentPageUrl?: string;
  /** Where the browser posts uploaded files (presigned POSTs): allowed by the CSP's connect-src. */
  readonly uploadsUrl?: string;
}

/**
 * CSP: scripts, styles and API calls from the portal's own origin only, plus Cognito for sign-in; no inline code,
 * no framing (frame-ancestors), no plugins; files are posted to the upload storage (`uploadsOrigin`). HSTS for two years.
 */
export function portalSecurityHeaders(cognitoEndpoint: string, uploadsOrigin?: string): Record<string, string> {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${cognitoEndpoint}${uploadsOrigin ? ` ${uploadsOrigin}` : ''}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
  ].join('; ');
  return {
    'content-security-policy': csp,
    'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
}
