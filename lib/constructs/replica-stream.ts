// The stream ARN of a replica table: DynamoDB gives the replica its own stream (with a label of its creation
// time), known only once the replica exists. A custom resource reads it at deployment (DescribeTable).
import { type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { pascalCase } from '../stacks/names';

const readers = new WeakMap<ITableV2, string>();
const logGroups = new WeakMap<Construct, LogGroup>();

export interface ReaderLogs {
  readonly retention: RetentionDays;
  readonly removalPolicy?: RemovalPolicy;
}

/** The replica's latest stream ARN (one reader per table, shared by every consumer of that stream). */
export function replicaStreamArn(scope: Construct, table: ITableV2, logs: ReaderLogs): string {
  const known = readers.get(table);
  if (known) {
    return known;
  }
  const call = {
    service: 'DynamoDB',
    action: 'describeTable',
    parameters: { TableName: table.tableName },
    // The stream of a table is replaced only when the table is: one id per table.
    physicalResourceId: PhysicalResourceId.of(`${table.tableName}-stream`),
    outputPaths: ['Table.LatestStreamArn'],
  };
  const reader = new AwsCustomResource(scope, `${pascalCase(table.node.id)}StreamArn`, {
    onCreate: call,
    onUpdate: call,
    policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [table.tableArn] }),
    installLatestAwsSdk: false,
    logGroup: readerLogGroup(scope, logs),
  });
  acknowledgeProvider(scope);
  const arn = reader.getResponseField('Table.LatestStreamArn');
  readers.set(table, arn);
  return arn;
}

/** One log group for the provider function, kept as long as the stage keeps its logs. */
function readerLogGroup(scope: Construct, logs: ReaderLogs): LogGroup {
  let group = logGroups.get(scope);
  if (!group) {
    group = new LogGroup(scope, 'ReplicaStreamReaderLogs', { retention: logs.retention, removalPolicy: logs.removalPolicy });
    logGroups.set(scope, group);
  }
  return group;
}

function acknowledgeProvider(scope: Construct): void {
  const provider = Stack.of(scope).node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287');
  if (!provider) {
    return;
  }
  Validations.of(provider).acknowledge(
    { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: "CDK's custom resource provider for SDK calls logs with the basic execution role" },
    { id: 'AwsSolutions-L1', reason: "CDK's provider function for SDK calls; its runtime is CDK's choice, it runs only at deployment" },
  );
}
