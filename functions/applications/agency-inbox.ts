import { agencyInboxRoute } from '../../lib/catalogue/applications';
import { decodeCursor, encodeCursor, fingerprint } from '../shared/cursor';
import { httpHandler } from '../shared/http';
import { agencyInbox } from './domain/tasks';
import { taskDeps } from './task-deps';

export const handler = httpHandler(agencyInboxRoute, async ({ params, query, principal }) => {
  const status = query.status ?? 'open';
  const print = fingerprint({ agencyId: params.agencyId, status });
  const after = query.cursor ? decodeCursor(query.cursor, print, (key): key is string => typeof key === 'string') : undefined;
  const page = await agencyInbox(taskDeps, principal, params.agencyId, status, query.limit ?? 20, after);
  return { body: { items: page.items, ...(page.last ? { nextCursor: encodeCursor(page.last, print) } : {}) } };
});
