import { getSynonymsRoute } from '../../lib/catalogue/services';
import { httpHandler } from '../shared/http';
import { catalogueDeps } from './deps';
import { getSynonyms } from './domain/synonyms';

export const handler = httpHandler(getSynonymsRoute, async ({ query }) => ({ body: await getSynonyms(catalogueDeps, query.version) }));
