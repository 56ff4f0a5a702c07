// What operators watch in one region of a stage: the alarm topic (subscribers from the stage config), an alarm on
// every dead-letter queue, the workflow, the workers, the tables and the SLA, and the stage's dashboard (citizen
// figures first, then the agencies' queues, then the platform). Route alarms (5xx rate and p99 latency against
// the SLO) and each capability's Lambda errors and throttles are made by `alarmEndpoint` inside the endpoint, in
// its domain's stack: they grow with the catalogue, so they live where the capability lives.
import { Aws, Duration, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { routeKey } from '../catalogue/types';
import type { ObservabilityConfig, RouteSlo } from '../config/stages';
import { businessMetrics, METRICS_NAMESPACE, METRICS_SERVICE } from '../platform/metrics';
import { replicatedTables, type TableId } from '../platform/tables';
import { pascalCase } from '../stacks/names';
import type { CapabilityEndpoint } from './capability-endpoint';

const FIVE_MINUTES = Duration.minutes(5);
/** Tables with a replica: a regional one (derived data, each region its own) has no replication to watch. */
const replicated = new Set<TableId>(replicatedTables.map((definition) => definition.id));
/** The HTTP API's stage: the default one (`$default`), which route-level metrics name. */
export const API_STAGE_NAME = '$default';

export interface DeadLetterQueue {
  /** What it holds the failures of, for the alarm's description and the dashboard. */
  readonly of: string;
  readonly queue: IQueue;
}

export interface ObservabilityProps {
  readonly stage: string;
  readonly config: ObservabilityConfig;
  readonly api: IHttpApi;
  /** Every queue that receives another's failures: SQS redrive targets, stream and event-rule failure queues. */
  readonly deadLetterQueues: readonly DeadLetterQueue[];
  /** The agencies' task queues, for the dashboard. */
  readonly agencyQueues: ReadonlyMap<string, { queue: IQueue; deadLetterQueue: IQueue }>;
  readonly workers: ReadonlyMap<string, IFunction>;
  readonly stateMachine: IStateMachine;
  readonly tables: Readonly<Record<TableId, ITableV2>>;
  /** The region the tables replicate to (the other region of the stage). */
  readonly replicaRegion: string;
}

export class Observability extends Construct {
  public readonly topic: Topic;
  public readonly dashboard: Dashboard;
  public readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { config, stage } = props;
    this.topic = new Topic(this, 'AlarmTopic', { topicName: `khidma-${stage}-alarms`, displayName: `Khidma ${stage} alarms`, enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason: 'Alarm notifications carry alarm names and metric values only, never personal data; CloudWatch cannot publish to a topic under the AWS-managed SNS key',
    });
    for (const email of config.alarmEmails) {
      this.topic.addSubscription(new EmailSubscription(email));
    }
    const alarm = (alarmId: string, metric: IMetric, threshold: number, description: string, evaluationPeriods = 1) => {
      const created = new Alarm(this, alarmId, {
        metric,
        alarmName: `khidma-${stage}-${alarmId}`,
        alarmDescription: description,
        threshold,
        evaluationPeriods,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(this.topic));
      this.alarms.push(created);
      return created;
    };

    for (const { of, queue } of props.deadLetterQueues) {
      alarm(`dead-letters-${of}`, queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }), 1, `Messages dead-lettered from ${of}: look at GET /v1/operations/queues, fix the cause, then redrive`);
    }
    for (const [workerId, fn] of props.workers) {
      alarm(`${workerId}-errors`, fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, `The ${workerId} worker failed; its input is retried and then dead-lettered`);
      alarm(`${workerId}-throttles`, fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, `The ${workerId} worker was throttled (reserved or account concurrency)`);
    }
    alarm('workflow-failed', props.stateMachine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, 'Application workflow executions failed; the reconciler restarts them from the application record');
    alarm('workflow-timed-out', props.stateMachine.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum' }), 1, 'Application workflow executions timed out');
    for (const [tableId, table] of Object.entries(props.tables) as [TableId, ITableV2][]) {
      alarm(`${tableId}-throttles`, tableThrottles(table, tableId), 1, `DynamoDB throttled requests on the ${tableId} table`);
      if (!replicated.has(tableId)) {
        continue;
      }
      alarm(
        `${tableId}-replication-latency`,
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName: 'ReplicationLatency',
          dimensionsMap: { TableName: table.tableName, ReceivingRegion: props.replicaRegion },
          statistic: 'Average',
          period: FIVE_MINUTES,
        }),
        config.replicationLatencySeconds * 1000,
        `The ${tableId} table's replica in ${props.replicaRegion} lags more than ${config.replicationLatencySeconds} s: a failover now would lose that much`,
      );
    }
    alarm(
      'sla-breaches',
      businessMetric(businessMetrics.slaBreached, Duration.hours(1)),
      config.slaBreachesPerHour,
      `More than ${config.slaBreachesPerHour} agency tasks passed their SLA in an hour`,
    );

    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `khidma-${stage}-${Aws.REGION}`, defaultInterval: Duration.hours(24) });
    const apiMetric = (metricName: string, statistic: string, label: string) =>
      new Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: { ApiId: props.api.apiId, Stage: API_STAGE_NAME }, statistic, period: FIVE_MINUTES, label });
    const graph = (title: string, left: IMetric[], width = 8) => new GraphWidget({ title, left, width, height: 6 });
    this.dashboard.addWidgets(new TextWidget({ markdown: '## Citizens: submissions, completions, errors, latency', width: 24, height: 1 }));
    this.dashboard.addWidgets(
      graph('Applications submitted and completed', [
        businessMetric(businessMetrics.applicationSubmitted, FIVE_MINUTES, 'submitted'),
        businessMetric(businessMetrics.applicationApproved, FIVE_MINUTES, 'approved'),
        businessMetric(businessMetrics.applicationRejected, FIVE_MINUTES, 'rejected'),
        businessMetric(businessMetrics.applicationCancelled, FIVE_MINUTES, 'cancelled'),
      ]),
      graph('API errors', [apiMetric('5xx', 'Sum', '5xx'), apiMetric('4xx', 'Sum', '4xx'), apiMetric('Count', 'Sum', 'requests')]),
      graph('API latency (ms)', [apiMetric('Latency', 'p50', 'p50'), apiMetric('Latency', 'p99', 'p99')]),
    );
    this.dashboard.addWidgets(new TextWidget({ markdown: "## Agencies: task queues, dead letters, SLA", width: 24, height: 1 }));
    const agencies = [...props.agencyQueues.entries()];
    this.dashboard.addWidgets(
      graph('Tasks waiting per agency', agencies.map(([agencyId, { queue }]) => queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum', label: agencyId }))),
      graph('Oldest task message per agency (s)', agencies.map(([agencyId, { queue }]) => queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum', label: agencyId }))),
      graph('Dead letters', props.deadLetterQueues.map(({ of, queue }) => queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum', label: of }))),
    );
    this.dashboard.addWidgets(
      graph('Tasks opened, decided, past SLA', [
        businessMetric(businessMetrics.taskOpened, FIVE_MINUTES, 'opened'),
        businessMetric(businessMetrics.taskDecided, FIVE_MINUTES, 'decided'),
        businessMetric(businessMetrics.slaBreached, FIVE_MINUTES, 'past SLA'),
      ], 12),
      graph('Complaints and notifications', [
        businessMetric(businessMetrics.complaintFiled, FIVE_MINUTES, 'complaints filed'),
        businessMetric(businessMetrics.complaintEscalated, FIVE_MINUTES, 'complaints escalated'),
        businessMetric(businessMetrics.notificationFailed, FIVE_MINUTES, 'deliveries failed'),
        businessMetric(businessMetrics.notificationDeadLettered, FIVE_MINUTES, 'deliveries dead-lettered'),
      ], 12),
    );
    this.dashboard.addWidgets(new TextWidget({ markdown: '## Platform: workflow, functions, tables', width: 24, height: 1 }));
    const lambdaAccount = (metricName: string, statistic: string) => new Metric({ namespace: 'AWS/Lambda', metricName, statistic, period: FIVE_MINUTES, label: metricName });
    this.dashboard.addWidgets(
      graph('Workflow executions', [
        props.stateMachine.metricStarted({ period: FIVE_MINUTES, statistic: 'Sum', label: 'started' }),
        props.stateMachine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum', label: 'failed' }),
        props.stateMachine.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum', label: 'timed out' }),
      ], 6),
      graph('Lambda (region)', [lambdaAccount('Errors', 'Sum'), lambdaAccount('Throttles', 'Sum'), lambdaAccount('ConcurrentExecutions', 'Maximum')], 6),
      graph('DynamoDB throttles', Object.entries(props.tables).map(([tableId, table]) => tableThrottles(table, tableId, tableId)), 6),
      graph('Replication latency (ms)', Object.entries(props.tables).filter(([tableId]) => replicated.has(tableId as TableId)).map(([tableId, table]) =>
        new Metric({ namespace: 'AWS/DynamoDB', metricName: 'ReplicationLatency', dimensionsMap: { TableName: table.tableName, ReceivingRegion: props.replicaRegion }, statistic: 'Average', period: FIVE_MINUTES, label: tableId })), 6),
    );
  }
}

/** The route's 5xx rate and p99 latency against its SLO, and its function's errors and throttles: four alarms in the endpoint. */
export function alarmEndpoint(endpoint: CapabilityEndpoint, props: { stage: string; api: IHttpApi; topic: ITopic; config: ObservabilityConfig }): Alarm[] {
  const { route } = endpoint.capability;
  const slo: RouteSlo = { ...props.config.slo, ...props.config.routeSlo?.[routeKey(route)] };
  const dimensionsMap = { ApiId: props.api.apiId, Stage: API_STAGE_NAME, Method: route.method, Resource: route.path };
  const action = new SnsAction(props.topic);
  const id = endpoint.capability.id;
  const make = (alarmId: string, metric: IMetric, threshold: number, description: string) => {
    const created = new Alarm(endpoint, pascalCase(alarmId), {
      metric,
      alarmName: `khidma-${props.stage}-${id}-${alarmId}`,
      alarmDescription: `${routeKey(route)}: ${description}`,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    created.addAlarmAction(action);
    return created;
  };
  return [
    // 5xx averages to the share of answers that were 5xx.
    make('5xx-rate', new Metric({ namespace: 'AWS/ApiGateway', metricName: '5xx', dimensionsMap, statistic: 'Average', period: FIVE_MINUTES }), slo.serverErrorPercent / 100, `more than ${slo.serverErrorPercent}% of answers were 5xx`),
    make('p99-latency', new Metric({ namespace: 'AWS/ApiGateway', metricName: 'Latency', dimensionsMap, statistic: 'p99', period: FIVE_MINUTES }), slo.p99LatencyMs, `p99 latency above ${slo.p99LatencyMs} ms`),
    make('errors', endpoint.handler.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), 0, 'the function threw (an unhandled error, answered 5xx)'),
    make('throttles', endpoint.handler.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), 0, 'the function was throttled (reserved or account concurrency)'),
  ];
}

function businessMetric(metricName: string, period: Duration, label?: string): Metric {
  return new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: METRICS_SERVICE }, statistic: 'Sum', period, label });
}

function tableThrottles(table: ITableV2, tableId: string, label?: string): IMetric {
  const of = (metricName: string) =>
    new Metric({ namespace: 'AWS/DynamoDB', metricName, dimensionsMap: { TableName: table.tableName }, statistic: 'Sum', period: FIVE_MINUTES });
  // Ids are unique per graph: the dashboard draws every table's sum in one.
  const [reads, writes] = [`${tableId}Reads`, `${tableId}Writes`];
  return new MathExpression({ expression: `${reads} + ${writes}`, usingMetrics: { [reads]: of('ReadThrottleEvents'), [writes]: of('WriteThrottleEvents') }, period: FIVE_MINUTES, label });
}
