// What the prod deployment gives each Lambda and what the cost model needs, read off the CDK app built with
// bundling stubbed (as the CDK tests do): memory, architecture, environment, Cognito tier, table replicas. The
// L1 resources' properties are resolved without a full synthesis (and its cdk-nag pass), which takes seconds.
import { App, Stack } from 'aws-cdk-lib';
import { CfnUserPool } from 'aws-cdk-lib/aws-cognito';
import { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import cdkJson from '../cdk.json';
import { type Capability, type RouteContract } from '../lib/catalogue/types';
import { type Worker, type WorkerTrigger, workers } from '../lib/catalogue/workers';
import { capabilities } from '../lib/capabilities';
import { stageConfig } from '../lib/config/stages';
import { buildApp } from '../lib/stacks/app';
import type { IConstruct } from 'constructs';

export interface BenchFunction {
  /** The catalogue id, which is also the function's POWERTOOLS_SERVICE_NAME. */
  readonly id: string;
  readonly entry: string;
  readonly kind: 'http' | 'worker';
  readonly route?: RouteContract;
  readonly trigger?: WorkerTrigger;
  readonly memoryMb: number;
  /** Files copied beside the bundle (CapabilityFunction's bundledFiles), read from LAMBDA_TASK_ROOT. */
  readonly bundledFiles: readonly string[];
  readonly architecture: string;
  /** Variables as synthesized: literals, or CloudFormation tokens (objects) the bench replaces with local values. */
  readonly environment: Readonly<Record<string, unknown>>;
}

export interface Deployment {
  readonly stage: string;
  readonly primaryRegion: string;
  readonly functions: readonly BenchFunction[];
  readonly userPoolTier: string;
  /** Regions each table is replicated to besides the primary (replicated writes are billed there). */
  readonly tableReplicas: number;
  /** Tables with no replica (regional, derived data): their writes are billed once. */
  readonly regionalTables: readonly string[];
}

const resolved = <T>(construct: IConstruct, value: unknown) => Stack.of(construct).resolve(value) as T;

export function readDeployment(stage = 'prod'): Deployment {
  const config = stageConfig(stage);
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildApp(app, config);
  const deployed = new Map(
    stacks.api.node
      .findAll()
      .filter((construct): construct is CfnFunction => construct instanceof CfnFunction)
      .map((fn) => {
        const variables = resolved<{ variables?: Record<string, unknown> } | undefined>(fn, fn.environment)?.variables ?? {};
        return [String(variables.POWERTOOLS_SERVICE_NAME), { memoryMb: Number(fn.memorySize), architecture: String(fn.architectures?.[0]), environment: variables }] as const;
      }),
  );
  const entries: Array<Pick<BenchFunction, 'id' | 'entry' | 'kind' | 'route' | 'trigger' | 'bundledFiles'>> = [
    ...capabilities.map((capability: Capability) => ({ id: capability.id, entry: capability.entry, kind: 'http' as const, route: capability.route, bundledFiles: capability.bundledFiles ?? [] })),
    ...workers.map((worker: Worker) => ({ id: worker.id, entry: worker.entry, kind: 'worker' as const, trigger: worker.trigger, bundledFiles: [] })),
  ];
  const functions = entries.map((entry) => {
    const properties = deployed.get(entry.id);
    if (!properties) {
      throw new Error(`the ${stage} API stack has no function for ${entry.id}`);
    }
    return { ...entry, ...properties };
  });
  const pool = stacks.identity.node.findAll().find((construct): construct is CfnUserPool => construct instanceof CfnUserPool);
  const tables = stacks.data.node.findAll().filter((construct): construct is CfnGlobalTable => construct instanceof CfnGlobalTable);
  return {
    stage,
    primaryRegion: config.primaryRegion,
    functions,
    userPoolTier: String(pool?.userPoolTier ?? 'ESSENTIALS'),
    tableReplicas: Math.max(0, ...tables.map((table) => resolved<unknown[]>(table, table.replicas).length - 1)),
    regionalTables: tables.filter((table) => resolved<unknown[]>(table, table.replicas).length === 1).map((table) => String(resolved<string>(table, table.tableName))),
  };
}
