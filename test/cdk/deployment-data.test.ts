// Every stage's deployment loads the reference package; only dev (besides the local cloud) ever gets demo data.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { stageConfig, stages } from '../../lib/config/stages';
import { referenceDigest } from '../../lib/constructs/deployment-data';
import { buildApp } from '../../lib/stacks/app';
import { referencePackage } from '../../reference';

type Json = any;

describe.each(Object.keys(stages))('the %s stage', (stage) => {
  const config = stageConfig(stage);
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildApp(app, config);
  const assembly = app.synth();
  const everyTemplate: Json[] = fs
    .readdirSync(assembly.directory)
    .filter((file) => file.endsWith('.template.json'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(assembly.directory, file), 'utf8')));
  const resourcesOfType = (type: string) => everyTemplate.flatMap((template) => Object.values(template.Resources ?? {}).filter((r: Json) => r.Type === type));
  const primary = Template.fromStack(stacks.api);

  test('loads the reference package, by version and content digest, in the primary region (the replicas follow)', () => {
    const loads = resourcesOfType('Custom::ReferenceData');
    expect(loads).toHaveLength(1);
    primary.hasResourceProperties('Custom::ReferenceData', { version: referencePackage.version, digest: referenceDigest });
  });

  test('the reference loader may write the catalogue table and no other', () => {
    const [loader] = Object.values(primary.findResources('AWS::Lambda::Function', { Properties: { Description: `Loads reference package ${referencePackage.version}` } }));
    expect(Object.keys(loader!.Properties.Environment.Variables).filter((name) => name.startsWith('TABLE_'))).toEqual(['TABLE_CATALOGUE']);
  });

  test(config.demoData ? 'loads demo registry records' : 'never gets demo data: no demo loader, no demo resource, in any stack', () => {
    const demo = resourcesOfType('Custom::DemoData');
    const demoFunctions = resourcesOfType('AWS::Lambda::Function').filter((fn: Json) => /demo/i.test(fn.Properties.Description ?? ''));
    expect([demo.length, demoFunctions.length]).toEqual(config.demoData ? [1, 1] : [0, 0]);
  });
});

test('demo data is allowed in dev only', () => {
  expect(Object.values(stages).filter((config) => config.demoData).map((config) => config.stage)).toEqual(['dev']);
});
