import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnKey } from 'aws-cdk-lib/aws-kms';
import cdkJson from '../../cdk.json';
import { stageConfig } from '../../lib/config/stages';
import { replicatedTables, tableDefinitions, tableName } from '../../lib/platform/tables';
import { buildApp } from '../../lib/stacks/app';

const config = stageConfig('dev');
const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const stacks = buildApp(app, config);
const data = Template.fromStack(stacks.data);
const drKeys = Template.fromStack(stacks.drKeys);
const keyAlias = `alias/khidma-${config.stage}-tables`;

function globalTable(name: string) {
  const tables = Object.values(data.findResources('AWS::DynamoDB::GlobalTable', { Properties: { TableName: name } }));
  expect(tables).toHaveLength(1);
  return tables[0]!;
}

function replica(name: string, region: string) {
  const replicas: { Region: string }[] = globalTable(name).Properties.Replicas;
  const found = replicas.find((entry) => entry.Region === region);
  expect(found).toBeDefined();
  return found as Record<string, unknown>;
}

const tables = replicatedTables.map((definition) => [tableName(config.stage, definition.id), definition] as const);
const regional = tableDefinitions.filter((definition) => definition.regional).map((definition) => [tableName(config.stage, definition.id), definition] as const);
const regions = [config.primaryRegion, config.drRegion];

test('there is one on-demand global table per definition, under its fixed name', () => {
  data.resourceCountIs('AWS::DynamoDB::GlobalTable', tableDefinitions.length);
  drKeys.resourceCountIs('AWS::DynamoDB::GlobalTable', regional.length);
  for (const [name] of tables) {
    expect(globalTable(name).Properties.BillingMode).toBe('PAY_PER_REQUEST');
  }
});

test('the KPI aggregates are regional: derived data, rebuilt when a region takes over', () => {
  expect(regional.map(([name]) => name)).toEqual([tableName(config.stage, 'metrics')]);
});

test.each(regional)('%s is a table of each region, not a replica, with PITR, deletion protection and its region\'s key', (name) => {
  const primary = globalTable(name);
  expect(primary.Properties.Replicas).toHaveLength(1);
  expect(primary.Properties.Replicas[0]).toMatchObject({
    Region: config.primaryRegion,
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    DeletionProtectionEnabled: true,
    SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [stacks.data.getLogicalId(stacks.data.key.node.defaultChild as CfnKey), 'Arn'] } },
  });
  expect(primary.DeletionPolicy).toBe('Retain');
  const dr = Object.values(drKeys.findResources('AWS::DynamoDB::GlobalTable', { Properties: { TableName: name } }));
  expect(dr).toHaveLength(1);
  expect(dr[0]!.Properties.Replicas).toEqual([
    expect.objectContaining({
      Region: config.drRegion,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [stacks.drKeys.getLogicalId(stacks.drKeys.key.node.defaultChild as CfnKey), 'Arn'] } },
    }),
  ]);
  expect(dr[0]!.DeletionPolicy).toBe('Retain');
});

test.each(tables)('%s has a replica in the DR region', (name) => {
  expect(replica(name, config.drRegion)).toBeDefined();
});

test.each(tables)('%s has point-in-time recovery in both regions', (name) => {
  for (const region of regions) {
    expect(replica(name, region).PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  }
});

test.each(tables)('%s has deletion protection in both regions and is retained', (name) => {
  for (const region of regions) {
    expect(replica(name, region).DeletionProtectionEnabled).toBe(true);
  }
  expect(globalTable(name).DeletionPolicy).toBe('Retain');
});

test.each(tables)('%s is encrypted with the customer-managed key in each region', (name) => {
  expect(globalTable(name).Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
  expect(replica(name, config.primaryRegion).SSESpecification).toEqual({
    KMSMasterKeyId: { 'Fn::GetAtt': [stacks.data.getLogicalId(stacks.data.key.node.defaultChild as CfnKey), 'Arn'] },
  });
  const drKeyId = JSON.stringify(replica(name, config.drRegion).SSESpecification);
  expect(drKeyId).toContain(`:kms:${config.drRegion}:`);
  expect(drKeyId).toContain(`:${keyAlias}`);
});

// The outbox streams (applications, engagement) and the audit chain's stream carry new images only; a global
// table needs a stream, so the others get TableV2's default.
const streams: Record<string, string> = {
  catalogue: 'NEW_AND_OLD_IMAGES',
  registry: 'NEW_AND_OLD_IMAGES',
  applications: 'NEW_IMAGE',
  audit: 'NEW_IMAGE',
  idempotency: 'NEW_AND_OLD_IMAGES',
  engagement: 'NEW_IMAGE',
};

test('every replicated table has its stream', () => {
  expect(Object.fromEntries(replicatedTables.map((definition) => [definition.id, globalTable(tableName(config.stage, definition.id)).Properties.StreamSpecification?.StreamViewType]))).toEqual(streams);
});

test.each([...tables, ...regional])('%s has the TTL and indexes of its definition', (name, definition) => {
  const properties = globalTable(name).Properties;
  expect(properties.TimeToLiveSpecification).toEqual(
    definition.timeToLiveAttribute ? { AttributeName: definition.timeToLiveAttribute, Enabled: true } : undefined,
  );
  const indexes: { IndexName: string; Projection: unknown }[] = properties.GlobalSecondaryIndexes ?? [];
  expect(indexes.map((index) => index.IndexName)).toEqual(definition.indexes.map((index) => index.name));
  definition.indexes.forEach((index, position) => {
    expect(indexes[position]?.Projection).toEqual(
      index.projection === 'all'
        ? { ProjectionType: 'ALL' }
        : { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection] },
    );
  });
});

test('the primary table key rotates', () => {
  data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
});

test('the DR key rotates and carries the alias the replicas name', () => {
  drKeys.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  drKeys.hasResourceProperties('AWS::KMS::Alias', {
    AliasName: keyAlias,
    TargetKeyId: { 'Fn::GetAtt': [stacks.drKeys.getLogicalId(stacks.drKeys.key.node.defaultChild as CfnKey), 'Arn'] },
  });
});
