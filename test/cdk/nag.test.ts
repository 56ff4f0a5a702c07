import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import cdkJson from '../../cdk.json';
import { capabilities } from '../../lib/capabilities';
import { stageConfig } from '../../lib/config/stages';
import { ApiStack } from '../../lib/stacks/api-stack';
import { buildApp } from '../../lib/stacks/app';

const context = { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] };

function findings(app: App) {
  app.synth();
  return new AwsSolutionsChecks().validateScope(app).violations.map((violation) => ({
    rule: violation.ruleName,
    at: violation.violatingResources.map((resource) => resource.constructPath),
  }));
}

function acknowledgements(scope: IConstruct): { at: string; rule: string; reason: string }[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([rule, reason]) => ({
          at: construct.node.path,
          rule,
          reason,
        })),
      ),
  );
}

describe.each(['dev', 'prod'])('the %s app', (stage) => {
  const app = new App({ context });
  buildApp(app, stageConfig(stage));

  test('has no unacknowledged AwsSolutions finding', () => {
    expect(findings(app)).toEqual([]);
  });

  test('acknowledges findings on resources, never on a whole stack or the app', () => {
    for (const { at } of acknowledgements(app)) {
      expect(at.split('/').length).toBeGreaterThan(1);
    }
  });

  test('gives every acknowledgement a specific reason', () => {
    for (const { reason } of acknowledgements(app)) {
      expect(reason.length).toBeGreaterThan(30);
    }
  });
});

test('a public route that writes is not waived: it fails cdk-nag until decided deliberately', () => {
  const app = new App({ context });
  const { identity, data } = buildApp(app, stageConfig('dev'));
  const template = capabilities.find((capability) => capability.route.access === 'public')!;
  new ApiStack(app, 'PublicWrite', {
    env: { region: stageConfig('dev').primaryRegion },
    config: stageConfig('dev'),
    identity,
    tables: data.tables,
    capabilities: [{ ...template, id: 'public-write', route: { ...template.route, method: 'POST' } }],
  });
  const apig4 = findings(app).filter((finding) => finding.rule === 'AwsSolutions-APIG4');
  expect(apig4.flatMap((finding) => finding.at)).toEqual([expect.stringMatching(/^PublicWrite\/HttpApi\/POST/)]);
});
