// The benchmark bundles each Lambda as the deployment does: bench/bundle-options.ts must say what
// CapabilityFunction hands NodejsFunction, and turn it into the esbuild options NodejsFunction would run.
import { App, Stack } from 'aws-cdk-lib';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as path from 'node:path';
import { esbuildOptions, lambdaBundling, lambdaRuntimeTarget } from '../../bench/bundle-options';
import { bundleDefines } from '../../lib/openapi-bundle';

const passed: NodejsFunctionProps[] = [];

jest.mock('aws-cdk-lib/aws-lambda-nodejs', () => {
  const actual = jest.requireActual('aws-cdk-lib/aws-lambda-nodejs');
  return {
    ...actual,
    NodejsFunction: jest.fn((scope: unknown, id: string, props: NodejsFunctionProps) => {
      passed.push(props);
      return new actual.NodejsFunction(scope, id, props);
    }),
  };
});

beforeAll(() => {
  // Required here, after jest.mock: this project's transform does not hoist mocks above imports.
  const { CapabilityFunction } = require('../../lib/constructs/capability-function') as typeof import('../../lib/constructs/capability-function');
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  new CapabilityFunction(new Stack(app, 'Bench'), 'Fn', { entry: 'functions/services/get-service.ts', logRetention: RetentionDays.ONE_WEEK });
  new CapabilityFunction(new Stack(app, 'BenchOpenApi'), 'Fn', { entry: 'functions/openapi/get-openapi.ts', logRetention: RetentionDays.ONE_WEEK });
});

test('the bench bundles with the options CapabilityFunction gives NodejsFunction', () => {
  expect(passed).toHaveLength(2);
  expect(passed[0]!.bundling).toEqual(lambdaBundling);
});

test('get-openapi alone gets the document built at bundling time, in the bench as in CDK', () => {
  const define = bundleDefines('functions/openapi/get-openapi.ts');
  expect(define).toBeDefined();
  expect(passed[1]!.bundling).toEqual({ ...lambdaBundling, define });
  expect(esbuildOptions(path.resolve(__dirname, '../../functions/openapi/get-openapi.ts'), '/out/index.mjs').define).toEqual(define);
  expect(esbuildOptions(path.resolve(__dirname, '../../functions/services/get-service.ts'), '/out/index.mjs').define).toBeUndefined();
});

test("the bench's target is the runtime's Node version", () => {
  expect(passed[0]!.runtime).toBe(Runtime.NODEJS_22_X);
  expect(`node${passed[0]!.runtime!.name.replace(/\D/g, '')}`).toBe(lambdaRuntimeTarget);
});

test('the esbuild options are what NodejsFunction runs for those settings', () => {
  expect(esbuildOptions('entry.ts', '/out/index.mjs')).toMatchObject({
    entryPoints: ['entry.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: '/out/index.mjs',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    external: [],
    mainFields: ['module', 'main'],
    banner: { js: lambdaBundling.banner },
    alias: { '@aws-sdk/credential-provider-node': './functions/shared/lambda-credentials.ts', 'mnemonist/lru-cache': './functions/shared/lru-cache.ts' },
  });
});
