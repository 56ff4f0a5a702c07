import { App, ReferenceStrength, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, type PolicyStatementProps, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import cdkJson from '../../cdk.json';
import { capabilities } from '../../lib/capabilities';
import type { Capability, TableAccess } from '../../lib/catalogue/types';
import { type StageConfig, stageConfig, stages } from '../../lib/config/stages';
import { tableDefinitions, tableName } from '../../lib/platform/tables';
import { ApiStack } from '../../lib/stacks/api-stack';
import { apiDomains } from '../../lib/catalogue/domains';
import { buildApp } from '../../lib/stacks/app';
import { type LocatedStatement, SynthesizedApp, type Target, allows, reaches } from './policies';

const context = { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] };
/** `dynamodb:*`, `*`, `dynamodb:Update*` and the like are caught because they match one of these. */
const forbidden = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];

/** What the L2's read grant gives (GetRecords and GetShardIterator are the stream reads it adds). */
const readActions = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:Query',
  'dynamodb:Scan',
];

function auditTarget(app: SynthesizedApp, config: StageConfig): Target {
  const name = tableName(config.stage, 'audit');
  const tokens = app.tokensOf('AWS::DynamoDB::GlobalTable', 'TableName', name);
  expect(tokens).toHaveLength(1);
  const indexes = tableDefinitions.find((definition) => definition.id === 'audit')!.indexes.map((index) => index.name);
  const arns = [config.primaryRegion, config.drRegion].flatMap((region) => {
    const table = `arn:aws:dynamodb:${region}:${config.account ?? '123456789012'}:table/${name}`;
    return [table, ...[...indexes, 'other'].map((index) => `${table}/index/${index}`), `${table}/stream/2025-01-01T00:00:00.000`];
  });
  return { tokens, names: [name], arns };
}

function violations(app: SynthesizedApp, target: Target): { at: string; action: string }[] {
  return app
    .statements()
    .filter((statement) => reaches(statement, target))
    .flatMap((statement) => forbidden.filter((action) => allows(statement, action)).map((action) => ({ at: statement.at, action })));
}

const inStack = (stackName: string) => (statement: LocatedStatement) => statement.at.startsWith(`${stackName}/`);

function fixtureApp(stage: string, access: TableAccess) {
  const app = new App({ context });
  const config = stageConfig(stage);
  const stacks = buildApp(app, config);
  const { userPool: _userPool, publicWriteReason: _reason, ...base } = capabilities.find((c) => c.route.access !== 'public')!;
  const fixture: Capability = { ...base, id: 'append-audit', tables: { audit: access } };
  new ApiStack(app, 'FixtureApi', {
    env: { account: config.account, region: config.primaryRegion },
    config,
    identity: stacks.identity,
    tables: stacks.data.tables,
    capabilities: [fixture],
  });
  new ApiStack(app, 'FixtureDrApi', {
    env: { account: config.account, region: config.drRegion },
    config,
    identity: stacks.identity,
    tables: stacks.drKeys.replicaTables,
    capabilities: [fixture],
    crossRegionReferences: true,
    consumeReferences: ReferenceStrength.STRONG,
  });
  return { app, config, stacks };
}

describe.each(Object.keys(stages))('the whole %s app', (stage) => {
  const config = stageConfig(stage);
  const app = new App({ context });
  buildApp(app, config);
  const synthesized = new SynthesizedApp(app.synth());

  test('follows every DynamoDB grant of all seven stacks and the API stacks\' nested stacks back to a table', () => {
    expect(synthesized.stackNames.filter((name) => !name.includes('/'))).toHaveLength(7);
    // Per API stack: one nested stack per domain, the workers', the observability one, the upload storage, the audit checkpoints, the catalogue listing's fold, reporting and notifications.
    expect(synthesized.stackNames.filter((name) => name.includes('/'))).toHaveLength(2 * (apiDomains.length + 7));
    const dynamoDb = synthesized.statements().filter((statement) => (statement.actions ?? []).some((action) => action.startsWith('dynamodb:')));
    expect(dynamoDb.length).toBeGreaterThan(0);
    // A table of the data stack, a table by name (a replica, or either region's table for the user pool's triggers,
    // whose identity stacks deploy before the data stack), or a replica's stream as the DR workers' reader (the
    // workflows' stack's, or the audit checkpoints' for the audit table's stream) got it at deployment.
    const table = new RegExp(
      `^(\\{Khidma-${stage}-Data/\\w+Table\\w+\\.(Stream)?Arn\\}|arn:aws:dynamodb:(${config.drRegion}|${config.primaryRegion}):\\*:table/khidma-${stage}-\\w+|\\{Khidma-${stage}-DrApi/\\w+/(Workers\\w+|Audit)ReplicaStreamArn\\w+\\.Table\\.LatestStreamArn\\})(/index/\\w+)?$`,
    );
    for (const resource of dynamoDb.flatMap((statement) => statement.resources)) {
      expect(resource).toMatch(table);
    }
  });

  test('no policy lets anyone update, delete or batch-write the audit table, its indexes or its replica', () => {
    expect(violations(synthesized, auditTarget(synthesized, config))).toEqual([]);
  });
});

// The grant an appending capability gets is built the same way in every stage (the whole apps above are checked
// stage by stage): prod's, with its DR region, stands for all.
describe.each(['prod'])('a capability that appends to audit, in the %s app', (stage) => {
  const { app, config, stacks } = fixtureApp(stage, 'append');
  const synthesized = new SynthesizedApp(app.synth());
  const target = auditTarget(synthesized, config);
  const keyStackOf = (stackName: string) => (stackName === 'FixtureApi' ? stacks.data : stacks.drKeys).stackName;

  test('leaves the app with no update, delete or batch-write on audit', () => {
    expect(violations(synthesized, target)).toEqual([]);
  });

  test.each(['FixtureApi', 'FixtureDrApi'])('%s may read and put items on audit, and no other DynamoDB action', (stackName) => {
    const onAudit = synthesized.statements().filter(inStack(stackName)).filter((statement) => reaches(statement, target));
    const actions = new Set(onAudit.flatMap((statement) => statement.actions ?? []).filter((action) => action.startsWith('dynamodb:')));
    // The checkpoint worker reads the audit table's stream (DescribeStream, ListStreams besides the reads); in the DR
    // region that grant names the replica's stream as read at deployment, which the primary's target does not match.
    const streamReads = stackName === 'FixtureApi' ? ['dynamodb:DescribeStream', 'dynamodb:ListStreams'] : [];
    expect([...actions].sort()).toEqual([...readActions, 'dynamodb:PutItem', ...streamReads].sort());
    expect(onAudit.every((statement) => statement.notActions === undefined && statement.notResources === undefined)).toBe(true);
  });

  test.each(['FixtureApi', 'FixtureDrApi'])("%s may encrypt and decrypt with that region's table key", (stackName) => {
    const kms = synthesized
      .statements()
      .filter(inStack(stackName))
      // Data keys only: the document issuer's signing key (kms:Sign, kms:GetPublicKey) is checked in test/cdk/api.test.ts.
      .filter((statement) => (statement.actions ?? []).some((action) => /^kms:(Encrypt|Decrypt|GenerateDataKey|ReEncrypt|DescribeKey)/.test(action)))
      // The upload bucket's own key (GuardDuty's role, the upload and download functions) is checked in test/cdk/uploads.test.ts.
      .filter((statement) => !JSON.stringify(statement.resources).includes('UploadsKey'));
    expect(kms.flatMap((statement) => statement.actions)).toEqual(
      expect.arrayContaining(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*']),
    );
    for (const statement of kms) {
      expect(statement.resources).toEqual([expect.stringMatching(new RegExp(`^\\{${keyStackOf(stackName)}/TableKey`))]);
    }
  });
});

describe('the audit check itself', () => {
  test.each<TableAccess>(['readwrite', 'write'])('catches a capability given %s on audit, in both regions', (access) => {
    const { app, config } = fixtureApp('dev', access);
    const synthesized = new SynthesizedApp(app.synth());
    const found = violations(synthesized, auditTarget(synthesized, config));
    for (const stackName of ['FixtureApi', 'FixtureDrApi']) {
      expect(found.filter((violation) => violation.at.startsWith(`${stackName}/`)).map((violation) => violation.action)).toEqual(
        expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']),
      );
    }
  });

  test('catches wildcards, index ARNs, NotAction and NotResource; passes grants on other tables', () => {
    const app = new App({ context });
    const config = stageConfig('dev');
    const { data } = buildApp(app, config);
    const probes = new Stack(app, 'Probes', { env: { region: config.primaryRegion } });
    const audit = data.tables.audit.tableArn;
    const registry = data.tables.registry.tableArn;
    const cases: Record<string, PolicyStatementProps> = {
      AllDynamoDb: { actions: ['dynamodb:*'], resources: ['*'] },
      Everything: { actions: ['*'], resources: ['arn:aws:dynamodb:*:*:table/khidma-dev-*'] },
      UpdateOnIndex: { actions: ['dynamodb:Update*'], resources: [`${audit}/index/*`] },
      PartiQlDelete: { actions: ['dynamodb:PartiQLDelete'], resources: [`arn:aws:dynamodb:${config.drRegion}:*:table/*`] },
      NotAction: { notActions: ['dynamodb:PutItem'], resources: [audit] },
      NotResource: { actions: ['dynamodb:BatchWriteItem'], notResources: [registry] },
      OtherTable: { actions: ['dynamodb:*'], resources: [registry, `${registry}/index/*`] },
      ReadAudit: { actions: ['dynamodb:GetItem', 'dynamodb:Query'], resources: [audit] },
    };
    Validations.of(probes).acknowledge({
      id: 'CloudFormation-Validate::W2512',
      reason: 'the NotAction probe exists to prove the audit check catches NotAction',
    });
    for (const [id, statement] of Object.entries(cases)) {
      new Role(probes, id, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }).addToPolicy(new PolicyStatement(statement));
    }
    const synthesized = new SynthesizedApp(app.synth());
    const flagged = new Set(violations(synthesized, auditTarget(synthesized, config)).map((violation) => violation.at.split('/')[1]!.replace(/DefaultPolicy.*$/, '')));
    expect([...flagged].sort()).toEqual(['AllDynamoDb', 'Everything', 'NotAction', 'NotResource', 'PartiQlDelete', 'UpdateOnIndex']);
  });
});
