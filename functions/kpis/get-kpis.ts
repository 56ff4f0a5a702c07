import { getKpisRoute } from '../../lib/catalogue/kpis';
import { dynamo, requireTable } from '../shared/dynamo';
import { httpHandler } from '../shared/http';
import { readingDeps } from './deps';
import { kpiReport } from './domain/kpis';
import { targetStatus } from './domain/targets';
import { dynamoTargets } from './dynamo-targets';
import { downloadTotals } from '../open-data/domain/downloads';
import { dynamoDownloads } from '../open-data/dynamo-downloads';

const deps = readingDeps();
const targets = dynamoTargets(dynamo, requireTable('engagement'));
const downloads = dynamoDownloads(dynamo, requireTable('engagement'));

export const handler = httpHandler(getKpisRoute, async ({ query }) => {
  const report = await kpiReport(deps, query);
  const set = report.dimension === 'all' || report.dimension === 'agency' || report.dimension === 'service' ? await targets.of(report.dimension, report.value ?? 'all') : [];
  const openData = report.dimension === 'all' ? { openDataDownloads: downloadTotals(await downloads.list(report.from, report.to)) } : {};
  return { body: { ...report, targets: set.map((target) => targetStatus(target, report)), ...openData } };
});
