// The portal's weight and safety: the budget per page (one script, one stylesheet, gzip), no markup built from strings.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildPortal, portalBudget, portalSecurityHeaders } from '../../lib/platform/portal';

const files = new Map(buildPortal().map((file) => [file.path, file]));

test(`keeps every page within its budget: script ≤ ${portalBudget.scriptGzipBytes} bytes gzipped, style ≤ ${portalBudget.styleGzipBytes}`, () => {
  const script = files.get('/app.js')!;
  const style = files.get('/app.css')!;
  console.log(`portal: app.js ${script.body.length} bytes (${script.gzip.length} gzipped), app.css ${style.body.length} bytes (${style.gzip.length} gzipped)`);
  expect(script.gzip.length).toBeLessThanOrEqual(portalBudget.scriptGzipBytes);
  expect(style.gzip.length).toBeLessThanOrEqual(portalBudget.styleGzipBytes);
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
