// Scheduled: folds the cards saved since the last pass into the catalogue listing's snapshot (see dynamo-listing.ts),
// so a cold listing stays one Query of a few items however large the catalogue grows.
import { catalogueDeps } from './deps';
import { logger } from '../shared/logger';

export async function handler(): Promise<{ folded: number; services: number; parts: number; bytes: number }> {
  const figures = await catalogueDeps.catalogue.foldListing(catalogueDeps.now());
  logger.info('Catalogue listing folded', figures);
  return figures;
}
