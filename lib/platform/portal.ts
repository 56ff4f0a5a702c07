// The portal's static files, built with esbuild (no framework: plain TypeScript modules and DOM calls), and the
// security headers every answer carries, the same from the local cloud and from CloudFront.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSync } from 'esbuild';

const root = path.resolve(__dirname, '../..');
const source = path.join(root, 'portal');

/**
 * What one page may load, gzipped: the first script with the chunks it imports, plus, on a page loaded lazily (life
 * events), that page's chunks; and the stylesheet. `npm test` (test/unit/portal-build.test.ts) keeps every page to it.
 */
export const portalBudget = { scriptGzipBytes: 25 * 1024, styleGzipBytes: 4 * 1024 } as const;

export interface PortalFile {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
  readonly gzip: Buffer;
}

/** One script the browser loads (the entry `/app.js`, a shared or a lazily loaded chunk), and what it imports. */
export interface PortalScript {
  readonly path: string;
  /** The module a page loads it for (portal/src/bundles.ts), when it is one; shared chunks have none. */
  readonly page?: string;
  readonly gzipBytes: number;
  /** Loaded with it (static imports). */
  readonly imports: readonly string[];
  /** Loaded when a page asks for them (dynamic imports): the lazily loaded pages. */
  readonly lazy: readonly string[];
}

/**
 * esbuild with code splitting: the entry becomes /app.js (the name index.html loads); the pages it imports
 * dynamically and the modules they share become chunks named by their content's hash, so a CDN may cache them.
 */
function buildScripts(): { files: PortalFile[]; scripts: PortalScript[] } {
  const built = buildSync({
    entryPoints: [path.join(source, 'src/main.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    absWorkingDir: root,
    outdir: path.join(source, 'dist'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    target: ['es2020'],
    write: false,
    metafile: true,
    legalComments: 'none',
  });
  const served = (output: string) => {
    const name = path.basename(output);
    return built.metafile.outputs[output]?.entryPoint === 'portal/src/main.ts' ? '/app.js' : `/${name}`;
  };
  const byPath = new Map(built.outputFiles.map((output) => [path.relative(root, output.path), output]));
  const files: PortalFile[] = [];
  const scripts: PortalScript[] = [];
  for (const [output, meta] of Object.entries(built.metafile.outputs)) {
    const js = file(served(output), 'text/javascript; charset=utf-8', Buffer.from(byPath.get(output)!.contents));
    files.push(js);
    const relative = (kind: string) => meta.imports.filter((i) => i.kind === kind && !i.external).map((i) => served(i.path));
    scripts.push({ path: js.path, page: meta.entryPoint, gzipBytes: js.gzip.length, imports: relative('import-statement'), lazy: relative('dynamic-import') });
  }
  return { files, scripts };
}

const file = (name: string, contentType: string, body: Buffer): PortalFile => ({ path: name, contentType, body, gzip: gzipSync(body, { level: 9 }) });

export function buildPortal(): PortalFile[] {
  return [
    file('/index.html', 'text/html; charset=utf-8', readFileSync(path.join(source, 'index.html'))),
    file('/app.css', 'text/css; charset=utf-8', readFileSync(path.join(source, 'app.css'))),
    ...buildScripts().files,
  ];
}

/** The scripts and their imports, for the budget: what the first page loads and what each lazily loaded page adds. */
export function portalScripts(): PortalScript[] {
  return buildScripts().scripts;
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
