// The deployment's loader of the reference package (custom resource, every stage): the same loader as the local cloud.
import { referencePackage } from '../../reference';
import { loadReference } from '../../reference/load';
import { catalogueDeps } from '../services/deps';
import { logger } from '../shared/logger';
import { customResourceHandler } from './custom-resource';

export const handler = customResourceHandler('khidma-reference-data', async () => {
  const report = await loadReference(catalogueDeps, referencePackage);
  // The skipped cards are the operator edits the package left alone: logged by id, version and editor.
  logger.info('reference package loaded', { report });
  return {
    version: report.version,
    created: String(report.services.created),
    updated: String(report.services.updated),
    skipped: (report.skipped.map((card) => `${card.serviceId}@${card.version}`).join(',') || 'none').slice(0, 2000),
  };
});
