// The local cloud's metrics: each EMF line appended to <data>/metrics/<Amman date>.jsonl, and today's file summed.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { METRICS_NAMESPACE } from '../../lib/platform/metrics';
import { ammanDate } from '../shared/amman-time';
import type { MetricSink } from '../shared/metrics';
import type { EmfRecord } from './domain/emf';
import { sumEmf, type TodaysMetrics } from './domain/metrics';

export const metricsFile = (dir: string, date: string) => path.join(dir, `${date}.jsonl`);

export function fileMetricSink(dir: string, now: () => Date = () => new Date()): MetricSink {
  mkdirSync(dir, { recursive: true });
  return (line) => appendFileSync(metricsFile(dir, ammanDate(now())), `${line}\n`);
}

export function fileMetrics(dir: string): TodaysMetrics {
  return {
    async today(date) {
      let text = '';
      try {
        text = readFileSync(metricsFile(dir, date), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          throw error;
        }
      }
      const records = text.split('\n').filter(Boolean).flatMap((line): EmfRecord[] => {
        try {
          return [JSON.parse(line) as EmfRecord];
        } catch {
          return []; // a line cut short by a crash
        }
      });
      return sumEmf(records, METRICS_NAMESPACE);
    },
  };
}
