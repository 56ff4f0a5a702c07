// Today's business counts in AWS: each business metric's sum under `service` since midnight in Amman.
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { businessMetrics, METRICS_NAMESPACE, METRICS_SERVICE } from '../../lib/platform/metrics';
import type { TodaysMetrics } from './domain/metrics';
import { traced } from '../shared/tracing';

export function cloudWatchMetrics(client = traced(new CloudWatchClient({})), now: () => Date = () => new Date()): TodaysMetrics {
  return {
    async today(date) {
      // Amman is UTC+3 all year.
      const start = new Date(`${date}T00:00:00+03:00`);
      const names = Object.values(businessMetrics);
      const { MetricDataResults = [] } = await client.send(
        new GetMetricDataCommand({
          StartTime: start,
          EndTime: now(),
          MetricDataQueries: names.map((name, index) => ({
            Id: `m${index}`,
            MetricStat: { Metric: { Namespace: METRICS_NAMESPACE, MetricName: name, Dimensions: [{ Name: 'service', Value: METRICS_SERVICE }] }, Period: 86_400, Stat: 'Sum' },
          })),
        }),
      );
      return names.map((metric, index) => ({
        metric,
        dimensions: {},
        count: (MetricDataResults.find((result) => result.Id === `m${index}`)?.Values ?? []).reduce((sum, value) => sum + value, 0),
      }));
    },
  };
}
