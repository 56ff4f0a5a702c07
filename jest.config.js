// Three projects: fast unit tests (domain, CDK), the benchmark's smoke run, and integration tests against the running
// local cloud.
const transform = { '^.+\\.(t|j|mj)sx?$': '<rootDir>/test/support/esbuild-transform.js' };
const common = {
  transform,
  // @middy/* and jose are published as ESM only: compile it to CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|@scure|@noble|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/shift-clock.cjs', '<rootDir>/test/support/quiet-logs.ts'],
};

module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/cdk/**/*.test.ts'],
      setupFiles: [...common.setupFiles, '<rootDir>/test/support/cdk-synthesis.ts'],
    },
    {
      // `npm run bench -- --smoke` (its own short-lived local clouds): run beside the integration project, whose one
      // worker mostly waits on its cloud, rather than taking one of the unit project's two CPU-bound workers.
      ...common,
      displayName: 'smoke',
      testMatch: ['<rootDir>/test/smoke/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      testEnvironment: '<rootDir>/test/support/deadline-environment.js',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
