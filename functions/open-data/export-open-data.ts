// Scheduled worker (nightly): publishes the open data (functions/open-data/domain/export.ts) to the open-data store.
import { dynamo, requireTable } from '../shared/dynamo';
import { exportOpenData } from './domain/export';
import { exportDeps } from './deps';
import { openDataStore } from './store';
import { logger } from '../shared/logger';

const deps = exportDeps(dynamo, { catalogue: requireTable('catalogue'), engagement: requireTable('engagement'), metrics: requireTable('metrics') }, openDataStore);

export async function handler(): Promise<void> {
  const result = await exportOpenData(deps);
  logger.info('open data exported', { written: result.written, unchanged: result.unchanged.length, rows: result.rows });
}
