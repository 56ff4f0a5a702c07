import { getMetricsRoute } from '../../lib/catalogue/operations';
import { ammanDate } from '../shared/amman-time';
import { httpHandler } from '../shared/http';
import { todaysMetrics } from './metrics-adapter';

export const handler = httpHandler(getMetricsRoute, async () => {
  const date = ammanDate(new Date());
  const counts = await todaysMetrics.today(date);
  const totals: Record<string, number> = {};
  for (const { metric, count } of counts) {
    totals[metric] = (totals[metric] ?? 0) + count;
  }
  return { body: { date, totals, counts: counts.map((count) => ({ ...count, dimensions: { ...count.dimensions } })) } };
});
