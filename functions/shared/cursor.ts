// Opaque pagination cursors: a sort key bound to the filters it was issued for.
import { createHash } from 'node:crypto';
import { BadRequest } from './errors';

export function fingerprint(filters: object): string {
  const canonical = JSON.stringify(Object.entries(filters).filter(([, value]) => value !== undefined).sort());
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

export function encodeCursor(key: unknown, filterPrint: string): string {
  return Buffer.from(JSON.stringify({ k: key, f: filterPrint })).toString('base64url');
}

export function decodeCursor<K>(cursor: string, filterPrint: string, isKey: (key: unknown) => key is K): K {
  let decoded: { k?: unknown; f?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!decoded || decoded.f !== filterPrint || !isKey(decoded.k)) {
    throw invalidCursor();
  }
  return decoded.k;
}

function invalidCursor(): BadRequest {
  return new BadRequest('invalid_cursor', 'The cursor is malformed or belongs to another query; start again without it');
}
