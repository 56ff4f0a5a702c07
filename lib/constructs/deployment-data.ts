// Data the deployment itself loads into a stage, as custom resources backed by one function each: the reference
// package in every stage, demo registry records only where the stage allows demo data. A custom resource (rather
// than a pipeline step) runs in the stage's own account and region, with a role that can write only the tables
// it loads, on every deployment of the stack, and also for a `cdk deploy` without the pipeline.
import { createHash } from 'node:crypto';
import { CustomResource, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { referencePackage } from '../../reference';
import type { TableId } from '../platform/tables';
import { CapabilityFunction } from './capability-function';

export interface DeploymentDataProps {
  readonly tables: Readonly<Record<TableId, ITableV2>>;
  /** Load the demo registry records too (local and dev only). */
  readonly demoData: boolean;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy?: RemovalPolicy;
  readonly environment?: Readonly<Record<string, string>>;
}

/** Changes whenever the package's content does, so CloudFormation runs the loader again. */
export const referenceDigest = createHash('sha256').update(JSON.stringify(referencePackage)).digest('hex').slice(0, 16);

export class DeploymentData extends Construct {
  public readonly reference: CustomResource;
  public readonly demo?: CustomResource;

  constructor(scope: Construct, id: string, props: DeploymentDataProps) {
    super(scope, id);
    const loader = (name: string, entry: string, description: string) =>
      new CapabilityFunction(this, name, {
        entry,
        description,
        timeoutSeconds: 300,
        logRetention: props.logRetention,
        logRemovalPolicy: props.logRemovalPolicy,
        environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: name },
      });
    const referenceLoader = loader('ReferenceLoader', 'functions/platform/load-reference.ts', `Loads reference package ${referencePackage.version}`);
    referenceLoader.bindTables({ catalogue: 'readwrite' }, props.tables);
    this.reference = new CustomResource(this, 'ReferenceData', {
      serviceToken: referenceLoader.function.functionArn,
      resourceType: 'Custom::ReferenceData',
      properties: { version: referencePackage.version, digest: referenceDigest },
      serviceTimeout: Duration.minutes(5),
    });
    if (props.demoData) {
      const demoLoader = loader('DemoLoader', 'functions/platform/load-demo-data.ts', 'Loads demo registry records (dev only)');
      demoLoader.bindTables({ registry: 'readwrite', audit: 'append' }, props.tables);
      this.demo = new CustomResource(this, 'DemoData', {
        serviceToken: demoLoader.function.functionArn,
        resourceType: 'Custom::DemoData',
        serviceTimeout: Duration.minutes(5),
      });
    }
  }
}
