// The portal's weight and safety: the budget per page (the first script with its chunks, plus a lazily loaded page's
// chunks; one stylesheet; gzip), no markup built from strings.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildPortal, portalBudget, portalScripts, portalSecurityHeaders } from '../../lib/platform/portal';

const files = new Map(buildPortal().map((file) => [file.path, file]));

/** The scripts a page loads: the one given and everything it imports, transitively. */
function loaded(start: string, scripts: Map<string, { imports: readonly string[] }>, seen = new Set<string>()): Set<string> {
  if (!seen.has(start)) {
    seen.add(start);
    for (const imported of scripts.get(start)!.imports) loaded(imported, scripts, seen);
  }
  return seen;
}

test(`keeps every page within its budget: scripts ≤ ${portalBudget.scriptGzipBytes} bytes gzipped, style ≤ ${portalBudget.styleGzipBytes}`, () => {
  const scripts = new Map(portalScripts().map((script) => [script.path, script]));
  const weight = (paths: Set<string>) => [...paths].reduce((sum, p) => sum + scripts.get(p)!.gzipBytes, 0);
  const first = loaded('/app.js', scripts);
  // Every page: the first page's scripts, and for a lazily loaded page (life events, staff, complaints) its own too.
  const pages = new Map([['first page (portal/src/main.ts)', weight(first)], ...[...new Set(scripts.get('/app.js')!.lazy)].map((lazy) => [scripts.get(lazy)!.page ?? lazy, weight(loaded(lazy, scripts, new Set(first)))] as const)]);
  const style = files.get('/app.css')!;
  console.log(`portal: ${[...pages].map(([page, bytes]) => `${page} ${bytes} bytes of script gzipped`).join(', ')}; app.css ${style.gzip.length} bytes gzipped`);
  expect(pages.size).toBeGreaterThan(1);
  for (const [page, bytes] of pages) {
    expect({ page, bytes, within: bytes <= portalBudget.scriptGzipBytes }).toEqual({ page, bytes, within: true });
  }
  expect(style.gzip.length).toBeLessThanOrEqual(portalBudget.styleGzipBytes);
  // Every script the pages load is served.
  expect([...scripts.keys()].every((p) => files.has(p))).toBe(true);
});

test('starts in Arabic, right to left, and loads only its own script and stylesheet', () => {
  const html = files.get('/index.html')!.body.toString('utf8');
  expect(html).toMatch(/<html lang="ar" dir="rtl">/);
  expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1])).toEqual(['/app.css', '/app.js']);
  expect(html).not.toMatch(/<script>|style="/);
});

test('never turns text into markup (innerHTML and friends), so API data cannot inject script', () => {
  const source = path.resolve(__dirname, '../../portal/src');
  for (const file of readdirSync(source)) {
    expect({ file, text: readFileSync(path.join(source, file), 'utf8').match(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/g) }).toEqual({ file, text: null });
  }
});

test('sends a CSP without inline code and refusing to be framed', () => {
  const headers = portalSecurityHeaders('http://127.0.0.1:9229');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe');
  expect(headers['strict-transport-security']).toMatch(/max-age=\d{8}/);
});
