// CDK runs its built-in CloudFormation template validation (a WebAssembly rule engine, compiled anew in every test
// file's module registry) on every synth: 5 s and more a file. The CDK tests synthesize with it off;
// `test/cdk/template-validation.test.ts` synthesizes every stage with it on, as `cdk synth` and the pipeline do.
process.env.CDK_VALIDATION ??= 'false';
