// The pipeline: its waves in order, the approval before prod, stack order inside each stage, a smoke step after every stage.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import cdkJson from '../../cdk.json';
import { pipeline } from '../../lib/config/stages';
import { PipelineStack } from '../../lib/pipeline/pipeline-stack';

const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const stack = new PipelineStack(app, 'KhidmaPipeline', { env: { account: pipeline.account, region: pipeline.region }, pipeline });
const template = Template.fromStack(stack);
const [, codePipeline] = Object.entries(template.findResources('AWS::CodePipeline::Pipeline'))[0]!;
const stageNames: string[] = codePipeline.Properties.Stages.map((stage: { Name: string }) => stage.Name);
const actionsOf = (name: string): { Name: string; RunOrder?: number; ActionTypeId: { Category: string; Provider: string } }[] =>
  codePipeline.Properties.Stages.find((stage: { Name: string }) => stage.Name === name).Actions;

test('source, build, self-mutation, then dev, staging and prod in that order', () => {
  expect(stageNames.filter((name) => !name.startsWith('Assets'))).toEqual(['Source', 'Build', 'UpdatePipeline', 'dev', 'staging', 'prod']);
});

test('the source is the repository connection named in the config', () => {
  const [source] = actionsOf('Source');
  expect(source!.ActionTypeId.Provider).toBe('CodeStarSourceConnection');
  expect(JSON.stringify(codePipeline.Properties.Stages[0])).toContain(pipeline.connectionArn);
  expect(JSON.stringify(codePipeline.Properties.Stages[0])).toContain(pipeline.repository);
});

test('the synth step installs, type-checks, runs the unit and CDK tests, and synthesizes', () => {
  const builds = Object.values(template.findResources('AWS::CodeBuild::Project')).map((project) => JSON.stringify(project.Properties.Source.BuildSpec));
  const synth = builds.find((spec) => spec.includes('cdk synth'));
  expect(synth).toBeDefined();
  for (const command of ['npm ci', 'npx tsc --noEmit', 'npx jest --selectProjects unit', 'npx cdk synth']) {
    expect(synth).toContain(command);
  }
});

test('prod waits for a manual approval before anything deploys', () => {
  const prod = actionsOf('prod');
  const approval = prod.find((action) => action.ActionTypeId.Category === 'Approval');
  expect(approval).toBeDefined();
  const firstDeploy = Math.min(...prod.filter((action) => action.ActionTypeId.Category === 'Deploy').map((action) => action.RunOrder ?? 1));
  expect(approval!.RunOrder ?? 1).toBeLessThan(firstDeploy);
  for (const stage of ['dev', 'staging']) {
    expect(actionsOf(stage).filter((action) => action.ActionTypeId.Category === 'Approval')).toEqual([]);
  }
});

test.each(['dev', 'staging', 'prod'])('%s deploys keys and data before the APIs, the primary API before the DR API, then smoke-tests', (stage) => {
  const actions = actionsOf(stage);
  const order = (part: string) => {
    const deploy = actions.filter((action) => action.ActionTypeId.Category === 'Deploy' && action.Name.includes(`-${part}.`));
    expect(deploy.length).toBeGreaterThan(0);
    return Math.min(...deploy.map((action) => action.RunOrder ?? 1));
  };
  expect(order('DrKeys')).toBeLessThan(order('Data'));
  expect(order('Data')).toBeLessThan(order('Api'));
  expect(order('Identity')).toBeLessThan(order('Api'));
  expect(order('Api')).toBeLessThan(order('DrApi'));
  const smoke = actions.find((action) => action.Name.startsWith('Smoke'));
  expect(smoke).toBeDefined();
  const lastDeploy = Math.max(...actions.filter((action) => action.ActionTypeId.Category === 'Deploy').map((action) => action.RunOrder ?? 1));
  expect(smoke!.RunOrder).toBeGreaterThan(lastDeploy);
});

test('the smoke steps call health and the catalogue in both regions, and fail when either does not answer', () => {
  const specs = Object.values(template.findResources('AWS::CodeBuild::Project')).map((project) => JSON.stringify(project.Properties.Source.BuildSpec)).filter((spec) => spec.includes('/v1/health'));
  expect(specs).toHaveLength(3);
  for (const spec of specs) {
    expect(spec).toContain('/v1/services');
    expect(spec).toContain('curl -fsS');
    expect(spec).toContain('PRIMARY_URL');
    expect(spec).toContain('DR_URL');
  }
});

test('passes cdk-nag AwsSolutions with every finding on generated resources acknowledged one by one, with a reason', () => {
  app.synth();
  const violations = new AwsSolutionsChecks().validateScope(app).violations.map((violation) => `${violation.ruleName} at ${violation.violatingResources.map((resource) => resource.constructPath).join(', ')}`);
  expect(violations).toEqual([]);
});

test('publishes assets in one CodeBuild project and stays far below the resource limit', () => {
  const resources = Object.keys(template.toJSON().Resources).length;
  console.log(`pipeline stack: ${resources} resources`);
  expect(resources).toBeLessThan(100);
  expect(Object.keys(template.findResources('AWS::CodeBuild::Project')).length).toBeLessThan(10);
});

test('builds on Node 20 and Java 17, as the tests need', () => {
  const builds = Object.values(template.findResources('AWS::CodeBuild::Project')).map((project) => JSON.stringify(project.Properties.Source.BuildSpec));
  expect(builds.find((spec) => spec.includes('cdk synth'))).toMatch(/runtime-versions.*nodejs.*20.*java.*corretto17/);
});
