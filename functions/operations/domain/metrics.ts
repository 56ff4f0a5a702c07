// Today's business counts for operators: each metric's total, and its counts per dimension values.
import type { EmfRecord } from './emf';

export interface MetricCount {
  readonly metric: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly count: number;
}

export interface TodaysMetrics {
  /** Today's counts (Amman date), from whatever the stage keeps them in. */
  today(date: string): Promise<MetricCount[]>;
}

/** Sums EMF records into one count per metric and dimension values (the `service` dimension left out). */
export function sumEmf(records: readonly EmfRecord[], namespace: string): MetricCount[] {
  const totals = new Map<string, MetricCount>();
  for (const record of records) {
    for (const directive of record._aws?.CloudWatchMetrics ?? []) {
      if (directive.Namespace !== namespace) {
        continue;
      }
      const dimensionNames = [...new Set(directive.Dimensions.flat())].filter((name) => name !== 'service').sort();
      const dimensions = Object.fromEntries(dimensionNames.map((name) => [name, String(record[name])]));
      for (const { Name } of directive.Metrics) {
        const value = Number(record[Name]) || 0;
        const key = JSON.stringify([Name, dimensions]);
        const previous = totals.get(key);
        totals.set(key, { metric: Name, dimensions, count: (previous?.count ?? 0) + value });
      }
    }
  }
  return [...totals.values()].sort((a, b) => a.metric.localeCompare(b.metric) || JSON.stringify(a.dimensions).localeCompare(JSON.stringify(b.dimensions)));
}
