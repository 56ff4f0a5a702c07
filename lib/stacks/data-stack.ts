// DynamoDB global tables rendered from lib/platform/tables.ts, encrypted with a customer-managed key, replicated to DR
// (a regional table, derived data, is not: each region has its own).
import { ArnFormat, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  type Attribute,
  AttributeType,
  Billing,
  type GlobalSecondaryIndexPropsV2,
  type ITableV2,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  type TablePropsV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import {
  type IndexDefinition,
  type KeyAttribute,
  type TableDefinition,
  type TableId,
  tableDefinitions,
  tableName,
} from '../platform/tables';
import { pascalCase, tableKeyAlias } from './names';

export interface DataStackProps extends StackProps {
  readonly config: StageConfig;
}

export class DataStack extends Stack {
  public readonly key: Key;
  public readonly tables: Readonly<Record<TableId, ITableV2>>;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new Key(this, 'TableKey', {
      alias: tableKeyAlias(config),
      description: `Khidma ${config.stage}: DynamoDB tables (primary region)`,
      enableKeyRotation: true,
      removalPolicy,
    });
    // DynamoDB accepts an alias ARN for a replica's key: the DrKeys stack creates the key behind it first.
    const drKeyAliasArn = this.formatArn({
      service: 'kms',
      region: config.drRegion,
      resource: tableKeyAlias(config),
      arnFormat: ArnFormat.NO_RESOURCE_NAME,
    });
    const replicated = TableEncryptionV2.customerManagedKey(this.key, { [config.drRegion]: drKeyAliasArn });
    this.tables = Object.fromEntries(
      tableDefinitions.map((definition) => [
        definition.id,
        // A regional table has no replica: the DR region's own is the DrKeys stack's (encrypted with its key).
        definition.regional
          ? new TableV2(this, `${pascalCase(definition.id)}Table`, tableProps(definition, config, TableEncryptionV2.customerManagedKey(this.key)))
          : new TableV2(this, `${pascalCase(definition.id)}Table`, { ...tableProps(definition, config, replicated), replicas: [{ region: config.drRegion }] }),
      ]),
    ) as Record<TableId, TableV2>;
  }
}

/** A table as its definition says, in either region (PITR, on-demand, deletion protection as the stage asks). */
export function tableProps(definition: TableDefinition, config: StageConfig, encryption: TableEncryptionV2): TablePropsV2 {
  return {
    tableName: tableName(config.stage, definition.id),
    partitionKey: attribute(definition.partitionKey),
    sortKey: definition.sortKey && attribute(definition.sortKey),
    billing: Billing.onDemand(),
    encryption,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: config.protectData,
    removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    dynamoStream: streamViewType(definition),
    timeToLiveAttribute: definition.timeToLiveAttribute,
    globalSecondaryIndexes: definition.indexes.map(globalIndex),
  };
}

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}

/** Global tables need a stream; where the definition names none, TableV2's default (new and old images) applies. */
function streamViewType(definition: TableDefinition): StreamViewType | undefined {
  return definition.stream && StreamViewType[definition.stream];
}

function globalIndex(index: IndexDefinition): GlobalSecondaryIndexPropsV2 {
  const all = index.projection === 'all';
  return {
    indexName: index.name,
    partitionKey: attribute(index.partitionKey),
    sortKey: index.sortKey && attribute(index.sortKey),
    projectionType: all ? ProjectionType.ALL : ProjectionType.INCLUDE,
    nonKeyAttributes: all ? undefined : [...index.projection],
  };
}
