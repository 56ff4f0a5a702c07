import { getKpisRoute } from '../../lib/catalogue/kpis';
import { httpHandler } from '../shared/http';
import { readingDeps } from './deps';
import { kpiReport } from './domain/kpis';

const deps = readingDeps();

export const handler = httpHandler(getKpisRoute, async ({ query }) => ({ body: await kpiReport(deps, query) }));
