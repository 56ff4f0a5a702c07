// The DR region's table key (behind a fixed alias the primary data stack names) and that region's view of the replicas.
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { type ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import { type TableId, tableDefinitions, tableName } from '../platform/tables';
import { pascalCase, tableKeyAlias } from './names';

export interface DrKeysStackProps extends StackProps {
  readonly config: StageConfig;
}

export class DrKeysStack extends Stack {
  public readonly key: Key;
  /** The replica tables in this region, imported by their fixed names (the primary data stack owns them). */
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
      tableDefinitions.map((definition) => [
        definition.id,
        TableV2.fromTableAttributes(this, `${pascalCase(definition.id)}Replica`, {
          tableName: tableName(config.stage, definition.id),
          encryptionKey: this.key,
        }),
      ]),
    ) as Record<TableId, ITableV2>;
  }
}
