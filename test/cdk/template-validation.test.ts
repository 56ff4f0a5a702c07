// Every stage's templates (the pipeline deploys them all) pass CDK's built-in CloudFormation validation, its
// default rules as errors (`@aws-cdk/core:validateAgainstDefaultRules` in cdk.json), as `cdk synth` checks them.
// The other CDK tests synthesize with the validation off (test/support/cdk-synthesis.ts) to save its cost.
import { App, CfnResource, Stack, Stage } from 'aws-cdk-lib';
import cdkJson from '../../cdk.json';
import { pipeline } from '../../lib/config/stages';
import { PipelineStack } from '../../lib/pipeline/pipeline-stack';

const context = { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] };
const previous = process.env.CDK_VALIDATION;
beforeAll(() => {
  process.env.CDK_VALIDATION = 'true';
});
afterAll(() => {
  if (previous === undefined) {
    delete process.env.CDK_VALIDATION;
  } else {
    process.env.CDK_VALIDATION = previous;
  }
});

test('the validation is on here, inside a stage too: a template CloudFormation would reject fails the synth', () => {
  const app = new App({ context });
  const stack = new Stack(new Stage(app, 'Deployed'), 'Broken', { env: { account: '123456789012', region: 'me-south-1' } });
  new CfnResource(stack, 'Queue', { type: 'AWS::SQS::Queue', properties: { VisibilityTimeout: 'a day', NoSuchProperty: true } });
  expect(() => app.synth()).toThrow(/VisibilityTimeout: 'a day' is not of type 'integer'/);
});

test('the pipeline, with every stage it deploys, synthesizes with no finding', () => {
  const app = new App({ context });
  new PipelineStack(app, 'KhidmaPipeline', { env: { account: pipeline.account, region: pipeline.region }, pipeline });
  expect(() => app.synth()).not.toThrow();
});
