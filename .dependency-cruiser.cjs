// Import rules run by `npm run lint` (dependency-cruiser): no cycles, type-only imports included, and the
// layers pointing one way. From the bottom: schemas/ and lib/platform|catalogue (shared names, no CDK or SDK)
// <- functions/ (shared/ under the areas; domain/ free of AWS) <- lib/constructs|stacks (CDK) and the tools
// around them (local/, bench/, seed/, test/).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: split the shared part out to a module both import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-above-functions',
      severity: 'error',
      comment: 'CDK and the catalogue never import Lambda code, demo data or tools: shared names go to lib/platform or lib/catalogue.',
      from: { path: '^(lib|bin)/' },
      to: { path: '^(functions|local|bench|seed|test)/' },
    },
    {
      name: 'functions-below-cdk',
      severity: 'error',
      comment: 'Lambda code never imports CDK constructs, stacks or the tools around them.',
      from: { path: '^functions/' },
      to: { path: '^(lib/(constructs|stacks|pipeline)|bin|local|bench|test)/' },
    },
    {
      name: 'functions-without-demo-data',
      severity: 'error',
      comment: 'Demo data reaches Lambda code only through the function that loads it (dev stages).',
      from: { path: '^functions/', pathNot: '^functions/platform/load-demo-data\\.ts$' },
      to: { path: '^seed/' },
    },
    {
      name: 'shared-below-areas',
      severity: 'error',
      comment: 'functions/shared is what every area uses; it never reaches into an area.',
      from: { path: '^functions/shared/' },
      to: { path: '^functions/(?!shared/)' },
    },
    {
      name: 'domain-free-of-aws',
      severity: 'error',
      comment: 'Domain modules take ports; adapters hold the AWS SDK and Lambda types.',
      from: { path: '^functions/[^/]+/domain/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'], path: '(@aws-sdk|aws-lambda|@aws-lambda-powertools|@middy)' },
    },
    {
      name: 'shared-names-not-from-cdk',
      severity: 'error',
      comment:
        'The local cloud, bench and seed take shared names from lib/platform or lib/catalogue, not from a CDK file. ' +
        'Exceptions: the local workflow engine renders the very state machine CDK deploys; the bench synthesizes the app to list its functions.',
      from: { path: '^(local|bench|seed|schemas|reference)/', pathNot: '^(local/workflow-definition|bench/deployment)\\.ts$' },
      to: { path: '^lib/(constructs|stacks|pipeline)/' },
    },
    {
      name: 'nothing-imports-tests',
      severity: 'error',
      from: { path: '^(lib|bin|functions|schemas|reference|local|bench|seed)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|cdk\\.out|\\.local)/' },
  },
};
