// Every item of a paginated list, page after page: a check must never depend on a page of 100 being enough.
import { api } from './api';

async function* pagesOf<T>(path: string, token: string): AsyncGenerator<T[]> {
  const separator = path.includes('?') ? '&' : '?';
  let cursor: string | undefined;
  do {
    const page = await api(`${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    if (page.status !== 200) {
      throw new Error(`GET ${path}: ${page.status} ${page.text}`);
    }
    yield page.body.items as T[];
    cursor = page.body.nextCursor;
  } while (cursor);
}

export async function allItems<T = any>(path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pagesOf<T>(path, token)) {
    items.push(...page);
  }
  return items;
}

/** The first item of a paginated list that matches, reading only as many pages as it takes (undefined: in none). */
export async function findInPages<T = any>(path: string, token: string, matches: (item: T) => boolean): Promise<T | undefined> {
  for await (const page of pagesOf<T>(path, token)) {
    const found = page.find(matches);
    if (found) {
      return found;
    }
  }
  return undefined;
}
