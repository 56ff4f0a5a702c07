// Jest transform: TypeScript and ESM-only packages (middy) compiled to CommonJS by esbuild, the same compiler
// the Lambda bundles use. Chosen over @swc/jest because its platform binaries are not all in this registry,
// which breaks `npm ci` on a clean clone.
const { transformSync } = require('esbuild');
const crypto = require('node:crypto');

module.exports = {
  process(source, filename) {
    const loader = /\.tsx?$/.test(filename) ? 'ts' : 'js';
    const { code, map } = transformSync(source, {
      loader,
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
      supported: { 'dynamic-import': false },
    });
    return { code, map };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update(source).update(filename).update('esbuild-v1').digest('hex');
  },
};
