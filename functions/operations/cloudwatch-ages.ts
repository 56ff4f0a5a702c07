// Queue ages in AWS: SQS's ApproximateAgeOfOldestMessage, the latest minute CloudWatch has of the last ten.
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { QueueAges } from './domain/queues';
import { traced } from '../shared/tracing';

const LOOK_BACK_MS = 10 * 60_000;

export function cloudWatchAges(client = traced(new CloudWatchClient({})), now: () => Date = () => new Date()): QueueAges {
  return {
    async oldestAgeSeconds(queueName) {
      const end = now();
      const { MetricDataResults = [] } = await client.send(
        new GetMetricDataCommand({
          StartTime: new Date(end.getTime() - LOOK_BACK_MS),
          EndTime: end,
          ScanBy: 'TimestampDescending',
          MetricDataQueries: [
            {
              Id: 'age',
              MetricStat: {
                Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateAgeOfOldestMessage', Dimensions: [{ Name: 'QueueName', Value: queueName }] },
                Period: 60,
                Stat: 'Maximum',
              },
            },
          ],
        }),
      );
      return MetricDataResults[0]?.Values?.[0];
    },
  };
}
