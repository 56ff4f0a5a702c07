// Every synthesized template of every stage (primary and DR, nested stacks included) stays at or below 250
// CloudFormation resources, half the hard limit of 500; the test prints each template's headroom and how many
// more capabilities of its costliest kind it can take.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import cdkJson from '../../cdk.json';
import { capabilities } from '../../lib/capabilities';
import { apiDomains, capabilitiesByDomain } from '../../lib/catalogue/domains';
import { stages, stageConfig } from '../../lib/config/stages';
import { buildApp } from '../../lib/stacks/app';
import { CapabilityEndpoint } from '../../lib/constructs/capability-endpoint';

const LIMIT = 250;

describe('the catalogue', () => {
  test('gives every capability exactly one API domain, and every domain has capabilities', () => {
    const grouped = capabilitiesByDomain(capabilities);
    expect([...grouped.keys()]).toEqual([...apiDomains]);
    expect([...grouped.values()].flat().map((capability) => capability.id).sort()).toEqual(capabilities.map((c) => c.id).sort());
  });
});

describe.each(Object.keys(stages))('the %s stage', (stage) => {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildApp(app, stageConfig(stage));
  const assembly = app.synth();
  const templates = fs
    .readdirSync(assembly.directory)
    .filter((file) => file.endsWith('.template.json'))
    .map((file) => {
      const template = JSON.parse(fs.readFileSync(path.join(assembly.directory, file), 'utf8'));
      return { file, resources: Object.keys(template.Resources ?? {}).length };
    });
  // What one more capability costs in each stack: the most resources any of its endpoints has.
  const endpointCost = new Map<string, number>();
  for (const endpoint of app.node.findAll().filter((construct) => construct instanceof CapabilityEndpoint)) {
    const stack = Stack.of(endpoint);
    const cost = endpoint.node.findAll().filter((construct) => construct instanceof CfnResource).length;
    const file = path.basename(stack.templateFile);
    endpointCost.set(file, Math.max(endpointCost.get(file) ?? 0, cost));
  }

  test('synthesizes every stack of both regions, nested ones included', () => {
    const regions = new Set(Object.values(stacks).map((stack) => (stack as Stack).region));
    expect(regions.size).toBe(2);
    expect(templates.filter(({ file }) => file.endsWith('.nested.template.json')).length).toBe(2 * (apiDomains.length + 7)); // domains, workflows, observability, upload storage, audit checkpoints, catalogue listing, reporting, notifications
  });

  test(`keeps every template at or below ${LIMIT} resources`, () => {
    const report = templates.map(({ file, resources }) => {
      const cost = endpointCost.get(file);
      const room = LIMIT - resources;
      return `${file.padEnd(72)} ${String(resources).padStart(4)} resources, headroom ${String(room).padStart(4)}` +
        (cost ? `, room for ${Math.floor(room / cost)} more capabilities (${cost} resources each)` : '');
    });
    console.log(`${stage}: resources per template (limit ${LIMIT})\n${report.join('\n')}`);
    expect(templates.filter(({ resources }) => resources > LIMIT)).toEqual([]);
  });
});
