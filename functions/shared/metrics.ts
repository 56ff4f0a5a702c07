// Business metrics in CloudWatch's embedded metric format, written with Powertools Metrics: one log line per
// event, no API call. Every metric is emitted twice in that line, as EMF allows: under `service` alone (what
// dashboards and alarms sum) and with its own dimensions (by service and channel, by agency...). In Lambda the
// line goes to stdout, which CloudWatch Logs turns into metrics; the local cloud installs a sink that appends
// it to a file under .local/ instead.
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { type BusinessMetric, METRICS_NAMESPACE, METRICS_SERVICE } from '../../lib/platform/metrics';

export type MetricSink = (emfLine: string) => void;

let sink: MetricSink = (line) => process.stdout.write(`${line}\n`);

export function installMetricSink(next: MetricSink): void {
  sink = next;
}

/** Counts one business event (or `count` of them), with its dimensions. */
export function countEvent(metric: BusinessMetric, dimensions: Readonly<Record<string, string>> = {}, count = 1): void {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });
  if (Object.keys(dimensions).length > 0) {
    metrics.addDimensions({ ...dimensions });
  }
  metrics.addMetric(metric, MetricUnit.Count, count);
  const emf = metrics.serializeMetrics();
  metrics.clearMetrics();
  // The aggregate: the same value under `service` alone (EMF takes several dimension sets per metric).
  for (const directive of emf._aws.CloudWatchMetrics) {
    if (!directive.Dimensions.some((set) => set.length === 1 && set[0] === 'service')) {
      directive.Dimensions.unshift(['service']);
    }
  }
  sink(JSON.stringify(emf));
}
