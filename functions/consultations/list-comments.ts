import { listCommentsRoute } from '../../lib/catalogue/consultations';
import { decodeCursor, encodeCursor, fingerprint } from '../shared/cursor';
import { httpHandler } from '../shared/http';
import { consultationDeps } from './deps';
import { listComments } from './domain/consultations';

const isKey = (key: unknown): key is string => typeof key === 'string' && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(key);

export const handler = httpHandler(listCommentsRoute, async ({ params, query }) => {
  const print = fingerprint({ consultationId: params.consultationId });
  const page = await listComments(consultationDeps, params.consultationId, query.limit ?? 50, query.cursor ? decodeCursor(query.cursor, print, isKey) : undefined);
  return { body: { items: page.items, ...(page.last ? { nextCursor: encodeCursor(page.last, print) } : {}) } };
});
