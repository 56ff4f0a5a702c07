// The document signer port and the JWS (ES256) it produces: domain code, no key material, no AWS types.
import { createHash } from 'node:crypto';
import type { Jwk } from '../../../schemas/documents';

export interface DocumentSigner {
  /** The key id signatures carry (the RFC 7638 thumbprint of the public key). */
  keyId(): Promise<string>;
  /** ECDSA P-256 over SHA-256 of `data`; the signature as JOSE wants it: r and s, 32 bytes each. */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** Every public key a credential may be signed with (the current one first). */
  publicKeys(): Promise<Jwk[]>;
}

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

/** RFC 7638 thumbprint of an EC public key. */
export function thumbprint(jwk: { crv: string; x: string; y: string }): string {
  return createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y })).digest('base64url');
}

export const publishedJwk = (jwk: { crv: string; x: string; y: string }): Jwk => ({ kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y, kid: thumbprint(jwk), alg: 'ES256', use: 'sig' });

/** A JWS in compact serialization: header.payload.signature. */
export async function signJws(signer: DocumentSigner, payload: object, typ = 'vc+jwt'): Promise<string> {
  const header = { alg: 'ES256', typ, kid: await signer.keyId() };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const signature = await signer.sign(Buffer.from(signingInput, 'ascii'));
  return `${signingInput}.${base64url(signature)}`;
}

/** An ECDSA signature in DER (what KMS returns) as JOSE's fixed-size r || s. */
export function derToJose(der: Uint8Array, size = 32): Uint8Array {
  const bytes = Buffer.from(der);
  let offset = 2;
  if (bytes[1]! & 0x80) {
    offset = 2 + (bytes[1]! & 0x7f);
  }
  const integer = () => {
    if (bytes[offset] !== 0x02) {
      throw new Error('not a DER ECDSA signature');
    }
    const length = bytes[offset + 1]!;
    const value = bytes.subarray(offset + 2, offset + 2 + length);
    offset += 2 + length;
    const trimmed = value.subarray(Math.max(0, value.length - size));
    return Buffer.concat([Buffer.alloc(size - trimmed.length), trimmed]);
  };
  return Buffer.concat([integer(), integer()]);
}
