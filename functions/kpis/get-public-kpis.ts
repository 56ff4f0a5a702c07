// The public subset of the KPIs: aggregates only (no personal data), with every figure under 10 applications withheld.
import { getPublicKpisRoute } from '../../lib/catalogue/kpis';
import { httpHandler } from '../shared/http';
import { readingDeps } from './deps';
import { publicFigures, SMALL_CELL } from './domain/figures';
import { kpiReport } from './domain/kpis';

const deps = readingDeps();

export const handler = httpHandler(getPublicKpisRoute, async ({ query }) => {
  const report = await kpiReport(deps, query, publicFigures);
  const satisfaction = report.satisfaction.map((quarter) => ((quarter.ratings ?? 0) < SMALL_CELL ? { ...quarter, ratings: null, average: null } : quarter));
  return { body: { ...report, satisfaction } };
});
