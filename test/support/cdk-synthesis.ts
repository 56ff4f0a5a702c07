// Synthesis in the CDK tests, made cheaper where nothing asserted depends on it:
// - CDK's built-in CloudFormation template validation (a WebAssembly rule engine, compiled anew in every test file's
//   module registry) costs 5 s and more a file: off here; `test/cdk/template-validation.test.ts` synthesizes the
//   pipeline and every stage with it on, as `cdk synth` does.
// - The stack trace CDK records with every construct and annotation (each one mapped through jest's source maps):
//   about a tenth of a CDK test's CPU. `cdk synth` records them unless told otherwise.
process.env.CDK_VALIDATION ??= 'false';
process.env.CDK_DISABLE_STACK_TRACE ??= '1';
process.env.CDK_CONTEXT_JSON ??= JSON.stringify({ 'aws:cdk:disable-creation-stack-traces': true, 'aws:cdk:disable-stack-trace': true });
