// Every item of a paginated list, page after page: a check must never depend on a page of 100 being enough.
import { api } from './api';

export async function allItems<T = any>(path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  const separator = path.includes('?') ? '&' : '?';
  let cursor: string | undefined;
  do {
    const page = await api(`${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    if (page.status !== 200) {
      throw new Error(`GET ${path}: ${page.status} ${page.text}`);
    }
    items.push(...(page.body.items as T[]));
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/** The first item of a paginated list that matches, reading only as many pages as it takes (undefined: in none). */
export async function findInPages<T = any>(path: string, token: string, matches: (item: T) => boolean): Promise<T | undefined> {
  const separator = path.includes('?') ? '&' : '?';
  let cursor: string | undefined;
  do {
    const page = await api(`${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token });
    if (page.status !== 200) {
      throw new Error(`GET ${path}: ${page.status} ${page.text}`);
    }
    const found = (page.body.items as T[]).find(matches);
    if (found) {
      return found;
    }
    cursor = page.body.nextCursor;
  } while (cursor);
  return undefined;
}
