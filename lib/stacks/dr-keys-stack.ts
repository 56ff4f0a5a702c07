// The DR region's table key (behind a fixed alias the primary data stack names), that region's view of the replicas,
// and its own regional tables (derived data the primary does not replicate).
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { type ITableV2, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import { type TableId, tableDefinitions, tableName } from '../platform/tables';
import { tableProps } from './data-stack';
import { pascalCase, tableKeyAlias } from './names';

export interface DrKeysStackProps extends StackProps {
  readonly config: StageConfig;
}

export class DrKeysStack extends Stack {
  public readonly key: Key;
  /** The tables in this region: replicas imported by their fixed names (the primary data stack owns them), regional ones made here. */
  public readonly replicaTables: Readonly<Record<TableId, ITableV2>>;

  constructor(scope: Construct, id: string, props: DrKeysStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.key = new Key(this, 'TableKey', {
      alias: tableKeyAlias(config),
      description: `Khidma ${config.stage}: DynamoDB replica tables (DR region)`,
      enableKeyRotation: true,
      removalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.replicaTables = Object.fromEntries(
      tableDefinitions.map((definition) => {
        if (definition.regional) {
          new TableV2(this, `${pascalCase(definition.id)}Table`, tableProps(definition, config, TableEncryptionV2.customerManagedKey(this.key)));
        }
        // Named, not referenced: the DR stacks that use a table take no export from this one.
        return [definition.id, TableV2.fromTableAttributes(this, `${pascalCase(definition.id)}Replica`, { tableName: tableName(config.stage, definition.id), encryptionKey: this.key })];
      }),
    ) as Record<TableId, ITableV2>;
  }
}
