// A logged error's stack frames told in the sources, without Node's --enable-source-maps (which would parse the map
// at every cold start): a bundle built as a Lambda's is (minified, source map beside it) throws, and its frames map back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { sourceFrames } from '../../functions/shared/source-stack';

describe('sourceFrames', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'source-stack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('maps a minified bundle’s frames to the original file and line, and leaves other frames alone', () => {
    writeFileSync(path.join(dir, 'failing.ts'), ['export function fail(): never {', '  // line 2', "  throw new Error('boom');", '}', ''].join('\n'));
    const bundle = path.join(dir, 'index.js');
    buildSync({ entryPoints: [path.join(dir, 'failing.ts')], bundle: true, minify: true, sourcemap: true, sourcesContent: false, format: 'cjs', platform: 'node', outfile: bundle });
    let stack = '';
    try {
      (require(bundle) as { fail: () => never }).fail();
    } catch (error) {
      stack = (error as Error).stack!;
    }
    const frames = stack.split('\n').slice(1).map((frame) => frame.trim());
    expect(frames[0]).toMatch(/index\.js:1:\d+/);
    const mapped = sourceFrames(frames);
    expect(mapped[0]).toMatch(/failing\.ts:3:\d+\)?$/);
    expect(sourceFrames(['at somewhere (node:internal/x:1:2)'])).toEqual(['at somewhere (node:internal/x:1:2)']);
  });
});
