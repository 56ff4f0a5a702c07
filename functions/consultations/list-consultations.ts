import { listConsultationsRoute } from '../../lib/catalogue/consultations';
import { decodeCursor, encodeCursor, fingerprint } from '../shared/cursor';
import { httpHandler } from '../shared/http';
import { consultationDeps as deps } from './deps';
import { statusOf, view } from './domain/consultations';

const isKey = (key: unknown): key is string => typeof key === 'string' && key.length < 80;

export const handler = httpHandler(listConsultationsRoute, async ({ query }) => {
  const limit = query.limit ?? 20;
  const print = fingerprint({ status: query.status });
  let after = query.cursor ? decodeCursor(query.cursor, print, isKey) : undefined;
  const items = [];
  // The status is read off the dates: filter the newest-first pages until the page is full.
  do {
    const page = await deps.store.list(limit, after);
    items.push(...page.items.filter((consultation) => !query.status || statusOf(consultation, deps.now()) === query.status));
    after = page.last;
  } while (after && items.length < limit);
  const shown = items.slice(0, limit);
  const last = shown.at(-1);
  const more = items.length > limit || (after !== undefined && last !== undefined);
  return {
    body: {
      items: await Promise.all(shown.map(async (consultation) => view(consultation, (await deps.store.get(consultation.consultationId))?.comments ?? 0, {}, deps.now()))),
      ...(more && last ? { nextCursor: encodeCursor(`${last.createdAt}#${last.consultationId}`, print) } : {}),
    },
  };
});
