import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import cdkJson from '../../cdk.json';
import { capabilities } from '../../lib/capabilities';
import type { Capability } from '../../lib/catalogue/types';
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

describe('a public route that writes', () => {
  const app = new App({ context });
  const config = stageConfig('dev');
  const { identity, data } = buildApp(app, config);
  const { publicWriteReason: _reason, ...template } = capabilities.find((capability) => capability.route.access === 'public')!;
  const publicWrite: Capability = { ...template, id: 'public-write', route: { ...template.route, method: 'POST' } };
  const reason = 'citizens sign up before they have a token; the handler proves identity against the registry';
  const publicApi = (id: string, capability: Capability) =>
    new ApiStack(app, id, { env: { region: config.primaryRegion }, config, identity, tables: data.tables, capabilities: [capability] });
  publicApi('PublicWrite', publicWrite);
  const withReason = publicApi('PublicWriteWithReason', { ...publicWrite, publicWriteReason: reason });
  const all = findings(app);

  test('is not waived: it fails cdk-nag APIG4 until decided deliberately', () => {
    const apig4 = all.filter((finding) => finding.rule === 'AwsSolutions-APIG4');
    expect(apig4.flatMap((finding) => finding.at)).toEqual([expect.stringMatching(/^PublicWrite\/.*Routes\/PublicWrite\/Route/)]);
  });

  test('passes cdk-nag when the catalogue gives a reason, acknowledged on its route with that reason', () => {
    expect(all.filter((finding) => finding.at.some((at) => at?.startsWith('PublicWriteWithReason/')))).toEqual([]);
    expect(acknowledgements(withReason).filter(({ rule }) => rule.endsWith('AwsSolutions-APIG4'))).toEqual([
      { at: expect.stringMatching(/^PublicWriteWithReason\/.*Routes\/PublicWrite\/Route/), rule: expect.any(String), reason },
    ]);
  });

  test.each([
    ['a public read', { ...template, id: 'public-read-with-reason', publicWriteReason: reason }],
    ['a route behind the authorizer', { ...publicWrite, id: 'private-with-reason', route: { ...publicWrite.route, access: ['operator'] }, publicWriteReason: reason }],
  ] as [string, Capability][])('rejects a publicWriteReason on %s', (_what, capability) => {
    const other = new App({ context });
    const stacks = buildApp(other, config);
    const build = () =>
      new ApiStack(other, 'Misplaced', { config, identity: stacks.identity, tables: stacks.data.tables, capabilities: [capability] });
    expect(build).toThrow(/publicWriteReason is only for a public route that writes/);
  });
});
