// A resource whose name we choose (a queue's QueueName, a key's alias, a bus's name...) cannot be replaced in place:
// CloudFormation creates the replacement before it deletes the old one, and the name is taken. Moving one to another
// stack (a worker's `home`, a new nested stack) or changing its construct id (so its logical id) is such a
// replacement, and fails the deployment of a stage that already has it. This pins where each named resource of the
// prod app is, both regions: the stack's construct path and the logical id.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import cdkJson from '../../cdk.json';
import { stageConfig } from '../../lib/config/stages';
import { buildApp } from '../../lib/stacks/app';
import pinned from './named-resources.json';

/** The property that names a resource of each type, unique in its account and region. */
const naming: Record<string, string> = {
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::CloudWatch::CompositeAlarm': 'AlarmName',
  'AWS::CloudWatch::Dashboard': 'DashboardName',
  'AWS::Cognito::UserPoolDomain': 'Domain',
  'AWS::DynamoDB::GlobalTable': 'TableName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::IAM::Role': 'RoleName',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SSM::Parameter': 'Name',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
};

const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
buildApp(app, stageConfig('prod'));
const assembly = app.synth();
const found: Record<string, string> = {};
for (const stack of app.node.findAll().filter((construct): construct is Stack => construct instanceof Stack)) {
  const template = JSON.parse(fs.readFileSync(path.join(assembly.directory, stack.templateFile), 'utf8'));
  for (const [logicalId, resource] of Object.entries<{ Type: string; Properties?: Record<string, unknown> }>(template.Resources ?? {})) {
    const property = naming[resource.Type];
    const name = property === undefined ? undefined : resource.Properties?.[property];
    if (name !== undefined) {
      found[`${stack.region} ${resource.Type} ${typeof name === 'string' ? name : JSON.stringify(name)}`] = `${stack.node.path} ${logicalId}`;
    }
  }
}

test('finds named resources in both regions', () => {
  const config = stageConfig('prod');
  expect(Object.keys(found).filter((key) => key.includes(' AWS::SQS::Queue ')).length).toBeGreaterThan(40);
  expect(new Set(Object.keys(found).map((key) => key.split(' ')[0]))).toEqual(new Set([config.primaryRegion, config.drRegion]));
  expect(new Set(Object.values(found).map((where) => where.split(/[/ ]/)[0]))).toEqual(new Set(['Khidma-prod-Data', 'Khidma-prod-DrKeys', 'Khidma-prod-Api', 'Khidma-prod-DrApi', 'Khidma-prod-Portal']));
});

test('keeps every named resource in the stack and under the logical id it was deployed with', () => {
  const moved = Object.entries(pinned as Record<string, string>)
    .filter(([name, where]) => name in found && found[name] !== where)
    .map(([name, where]) => `${name}: pinned at ${where}, now at ${found[name]}`);
  expect(moved).toEqual([]);
});

test('pins every named resource there is, and none that is gone (test/cdk/named-resources.json)', () => {
  // A new named resource: add its line as this prints it. A removed one: take its line out.
  expect(Object.fromEntries(Object.entries(found).filter(([name]) => !(name in pinned)))).toEqual({});
  expect(Object.keys(pinned).filter((name) => !(name in found))).toEqual([]);
});
