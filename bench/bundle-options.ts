// The bundling settings every deployed Lambda gets from CapabilityFunction, in CDK's terms, and the esbuild
// options NodejsFunction turns them into (aws-lambda-nodejs Bundling: `esbuild --bundle <entry> ...`).
// test/unit/bench-bundle-options.test.ts fails when CapabilityFunction passes anything else.
import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { bundleDefines } from '../lib/openapi-bundle';

const repositoryRoot = path.resolve(__dirname, '..');

export const lambdaRuntimeTarget = 'node22';

export const lambdaBundling = {
  format: 'esm',
  target: lambdaRuntimeTarget,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  charset: 'utf8',
  bundleAwsSDK: true,
  esbuildArgs: {
    '--alias': [
      '@aws-sdk/credential-provider-node=./functions/shared/lambda-credentials.ts',
      'mnemonist/lru-cache=./functions/shared/lru-cache.ts',
      '@smithy/core/event-streams=./functions/shared/no-event-streams.ts',
      'node:stream/web=./functions/shared/middy-streams.ts',
      'node:stream/promises=./functions/shared/middy-streams.ts',
    ],
  },
} as const;

/** Each `--alias:<package>=<path>` as esbuild's API takes it; the paths are relative to the project root. */
function aliases(): Record<string, string> {
  return Object.fromEntries(lambdaBundling.esbuildArgs['--alias'].map((alias) => alias.split('=') as [string, string]));
}

/** What `esbuild --bundle <entry> --target --platform=node --format --outfile --minify --sourcemap ...` does, with a metafile. */
export function esbuildOptions(entryPoint: string, outfile: string): BuildOptions {
  const define = bundleDefines(path.relative(repositoryRoot, path.resolve(repositoryRoot, entryPoint)));
  return {
    ...(define ? { define } : {}),
    entryPoints: [entryPoint],
    bundle: true,
    target: lambdaBundling.target,
    platform: 'node',
    format: lambdaBundling.format,
    outfile,
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourceMap,
    sourcesContent: lambdaBundling.sourcesContent,
    // bundleAwsSDK: no externals, the SDK is inside the bundle.
    external: [],
    banner: { js: lambdaBundling.banner },
    charset: lambdaBundling.charset,
    mainFields: [...lambdaBundling.mainFields],
    alias: aliases(),
    absWorkingDir: repositoryRoot,
    metafile: true,
    logLevel: 'silent',
  };
}
