// The Idempotency-Key header that write routes creating things require.
import { BadRequest } from './errors';

const KEY = /^[A-Za-z0-9_-]{8,64}$/;

export function idempotencyKeyOf(headers: Readonly<Record<string, string | undefined>>): string {
  const key = headers['idempotency-key'];
  if (!key || !KEY.test(key)) {
    throw new BadRequest('idempotency_key_required', 'Send an Idempotency-Key header: 8 to 64 letters, digits, - or _');
  }
  return key;
}
