// Alarms and dashboards as deployed, per stage and region: every queue that receives another's failures is
// alarmed, every route against its SLO, every function, the workflow, the tables, the SLA; alarms notify the
// stage's topic, whose subscribers come from the stage config; one dashboard per stage and region.
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { capabilities } from '../../lib/capabilities';
import { routeKey } from '../../lib/catalogue/types';
import { workers } from '../../lib/catalogue/workers';
import { stageConfig } from '../../lib/config/stages';
import { replicatedTables, tableDefinitions } from '../../lib/platform/tables';
import { workflowAgencyIds } from '../../lib/platform/agencies';
import { businessMetrics } from '../../lib/platform/metrics';
import { buildApp } from '../../lib/stacks/app';
import { apiTemplate } from './api-template';
import { queuesOfStage } from '../../functions/operations/stage-queues';

type Json = any;

const getAttId = (value: Json, attribute: string): string | undefined =>
  Array.isArray(value?.['Fn::GetAtt']) && value['Fn::GetAtt'][1] === attribute ? value['Fn::GetAtt'][0] : undefined;

/** Logical ids of queues some other resource sends its failures to. */
function failureTargets(template: Template): Map<string, string> {
  const targets = new Map<string, string>();
  for (const [id, queue] of Object.entries<Json>(template.findResources('AWS::SQS::Queue'))) {
    const target = getAttId(queue.Properties?.RedrivePolicy?.deadLetterTargetArn, 'Arn');
    if (target) targets.set(target, `redrive target of ${id}`);
  }
  for (const [id, mapping] of Object.entries<Json>(template.findResources('AWS::Lambda::EventSourceMapping'))) {
    const target = getAttId(mapping.Properties?.DestinationConfig?.OnFailure?.Destination, 'Arn');
    if (target) targets.set(target, `on-failure destination of ${id}`);
  }
  for (const [id, rule] of Object.entries<Json>(template.findResources('AWS::Events::Rule'))) {
    for (const target of rule.Properties?.Targets ?? []) {
      const dlq = getAttId(target.DeadLetterConfig?.Arn, 'Arn');
      if (dlq) targets.set(dlq, `dead-letter queue of ${id}`);
    }
  }
  return targets;
}

const alarmsOf = (template: Template) => Object.values<Json>(template.findResources('AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);
const dimension = (alarm: Json, name: string) => alarm.Dimensions?.find((entry: Json) => entry.Name === name)?.Value;
const topicId = (template: Template) => {
  const topics = Object.keys(template.findResources('AWS::SNS::Topic'));
  expect(topics).toHaveLength(1);
  return topics[0]!;
};

describe.each(['dev', 'prod'])('the %s stage', (stageName) => {
  const config = stageConfig(stageName);
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildApp(app, config);
  const regions = [
    { region: config.primaryRegion, template: apiTemplate(stacks.api), replica: config.drRegion, active: true },
    { region: config.drRegion, template: apiTemplate(stacks.drApi), replica: config.primaryRegion, active: false },
  ];

  describe.each(regions)('in $region', ({ template, replica, active }) => {
    const alarms = alarmsOf(template);
    const topic = topicId(template);

    test('alarms on every queue that is a redrive target or a failure destination, to the stage topic', () => {
      const targets = failureTargets(template);
      // 14 agency DLQs, the delivery DLQs, the event rules' DLQs (and the stream's in the active region).
      expect(targets.size).toBeGreaterThanOrEqual(workflowAgencyIds.length + (active ? 1 : 0));
      const unalarmed = [...targets].filter(([queueId]) => !alarms.some((alarm) => getAttId(dimension(alarm, 'QueueName'), 'QueueName') === queueId));
      expect(unalarmed).toEqual([]);
      const queueAlarms = alarms.filter((alarm) => dimension(alarm, 'QueueName'));
      for (const alarm of queueAlarms) {
        expect(alarm).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1, AlarmActions: [{ Ref: topic }] });
      }
    });

    test('lists every queue that receives failures in GET /v1/operations/queues (its DLQs and the workers’ failure queues)', () => {
      const listed = queuesOfStage(config.stage);
      const names = new Set([...listed.queues.map((queue) => queue.deadLetterQueue), ...listed.failures.map((queue) => queue.name)]);
      const queues = template.findResources('AWS::SQS::Queue');
      const unlisted = [...failureTargets(template).keys()].map((id) => queues[id]?.Properties?.QueueName ?? id).filter((name) => !names.has(name));
      expect(unlisted).toEqual([]);
      expect(listed.failures.length).toBe(workers.filter((worker) => ['events', 'aws-events', 'stream'].includes(worker.trigger.kind)).length);
    });

    test("alarms on every route's 5xx rate and p99 latency against the stage's SLO", () => {
      for (const { route } of capabilities) {
        const slo = { ...config.observability.slo, ...config.observability.routeSlo?.[routeKey(route)] };
        const forRoute = alarms.filter((alarm) => dimension(alarm, 'Method') === route.method && dimension(alarm, 'Resource') === route.path);
        expect(forRoute.map((alarm) => [alarm.MetricName, alarm.ExtendedStatistic ?? alarm.Statistic, alarm.Threshold]).sort()).toEqual([
          ['5xx', 'Average', slo.serverErrorPercent / 100],
          ['Latency', 'p99', slo.p99LatencyMs],
        ]);
        forRoute.forEach((alarm) => expect(alarm.AlarmActions).toEqual([{ Ref: topic }]));
      }
    });

    test('alarms on the errors and throttles of every function, API and workers', () => {
      const functionIds = Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { Handler: 'index.handler' } }));
      const watched = (metricName: string) =>
        new Set(alarms.filter((alarm) => alarm.Namespace === 'AWS/Lambda' && alarm.MetricName === metricName).map((alarm) => dimension(alarm, 'FunctionName')?.Ref));
      for (const metricName of ['Errors', 'Throttles']) {
        const covered = watched(metricName);
        const uncovered = functionIds.filter((id) => !covered.has(id));
        // The deployment-data loaders and CDK's SDK-call provider (the DR replicas' stream ARNs) run once per
        // deployment (their failure fails the deployment itself).
        expect(uncovered.filter((id) => !id.startsWith('DeploymentData') && !id.startsWith('AWS679f53fac002430cb0da5b7982bd2287'))).toEqual([]);
        expect(covered.size).toBeGreaterThanOrEqual(capabilities.length + workers.length);
      }
    });

    test('alarms on failed and timed-out workflow executions, table throttling, replication latency over 60 s and SLA breaches', () => {
      const metricNames = alarms.map((alarm) => alarm.MetricName);
      expect(metricNames).toEqual(expect.arrayContaining(['ExecutionsFailed', 'ExecutionsTimedOut']));
      const replication = alarms.filter((alarm) => alarm.MetricName === 'ReplicationLatency');
      // A regional table (the KPI aggregates) has no replica to lag.
      expect(replication.map((alarm) => alarm.AlarmName)).toEqual(replicatedTables.map((definition) => `khidma-${config.stage}-${definition.id}-replication-latency`));
      for (const alarm of replication) {
        expect(alarm.Threshold).toBe(60_000);
        expect(dimension(alarm, 'ReceivingRegion')).toBe(replica);
      }
      const throttles = alarms.filter((alarm) => alarm.Metrics?.some((metric: Json) => metric.MetricStat?.Metric?.MetricName === 'WriteThrottleEvents'));
      expect(throttles).toHaveLength(tableDefinitions.length);
      const sla = alarms.filter((alarm) => alarm.MetricName === businessMetrics.slaBreached);
      expect(sla).toEqual([expect.objectContaining({ Namespace: 'Khidma', Threshold: config.observability.slaBreachesPerHour, Period: 3600 })]);
      for (const alarm of alarms) {
        expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
      }
    });

    test('sends alarms to one topic of the stage, with the subscribers of the stage config', () => {
      template.hasResourceProperties('AWS::SNS::Topic', { TopicName: `khidma-${stageName}-alarms` });
      const subscriptions = Object.values<Json>(template.findResources('AWS::SNS::Subscription')).map((subscription) => subscription.Properties);
      expect(subscriptions.map((subscription) => [subscription.Protocol, subscription.Endpoint]).sort()).toEqual(
        config.observability.alarmEmails.map((email) => ['email', email]).sort(),
      );
    });

    test('has one dashboard: citizens first, then the agencies, then the platform', () => {
      const dashboards = Object.values<Json>(template.findResources('AWS::CloudWatch::Dashboard'));
      expect(dashboards).toHaveLength(1);
      const body = JSON.stringify(dashboards[0].Properties.DashboardBody);
      const order = ['## Citizens', 'Applications submitted', '## Agencies', 'Tasks waiting per agency', 'Dead letters', '## Platform', 'Workflow executions', 'DynamoDB throttles'].map((text) => body.indexOf(text));
      expect(order.every((index) => index >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      for (const agencyId of workflowAgencyIds) {
        expect(body).toContain(agencyId);
      }
    });
  });
});
