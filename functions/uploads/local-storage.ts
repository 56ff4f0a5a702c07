// The local cloud's stand-in for S3's presigned requests: a POST policy and GET links signed with HMAC-SHA256
// by a secret the local object store (local/object-store.ts) shares, which checks them as S3 would.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ObjectStorage } from './domain/uploads';
import { PENDING_TAGGING } from './tags';

export interface PostPolicy {
  readonly expiration: string;
  readonly conditions: ReadonlyArray<Readonly<Record<string, string>> | readonly ['content-length-range', number, number]>;
}

export const sign = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

export function signatureMatches(secret: string, text: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, text));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** What a GET link signs: the key, its expiry and the answer's headers. */
export const getLinkText = (key: string, expires: string, contentType: string, filename: string) => ['GET', key, expires, contentType, filename].join('\n');

export function localObjectStorage(baseUrl: () => string, secret: string, keep: (key: string) => Promise<void>): ObjectStorage {
  return {
    keep,
    async presignPost({ key, contentType, maxBytes, expiresAt }) {
      const policy: PostPolicy = {
        expiration: expiresAt.toISOString(),
        conditions: [{ key }, { 'Content-Type': contentType }, { tagging: PENDING_TAGGING }, ['content-length-range', 1, maxBytes]],
      };
      const encoded = Buffer.from(JSON.stringify(policy)).toString('base64');
      return { url: `${baseUrl()}/`, fields: { key, 'Content-Type': contentType, tagging: PENDING_TAGGING, Policy: encoded, 'X-Amz-Signature': sign(secret, encoded) } };
    },
    async presignGet({ key, contentType, filename, expiresAt }) {
      const expires = String(Math.floor(expiresAt.getTime() / 1000));
      const query = new URLSearchParams({ expires, 'content-type': contentType, filename, signature: sign(secret, getLinkText(key, expires, contentType, filename)) });
      return `${baseUrl()}/${key}?${query}`;
    },
  };
}
