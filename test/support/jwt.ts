// JWTs taken apart, tampered with, or re-signed with the Cognito emulator's own key, to probe the gateway's token checks.
import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type JwtPart = Record<string, unknown>;

export interface DecodedJwt {
  readonly header: JwtPart;
  readonly payload: JwtPart;
  readonly signature: Buffer;
}

const encode = (part: JwtPart) => Buffer.from(JSON.stringify(part)).toString('base64url');

export function decodeJwt(token: string): DecodedJwt {
  const [header = '', payload = '', signature = ''] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as JwtPart,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JwtPart,
    signature: Buffer.from(signature, 'base64url'),
  };
}

/** Header and payload as given, followed by whatever signature bytes (none for `alg: none`). */
export function assembleJwt(header: JwtPart, payload: JwtPart, signature: Buffer = Buffer.alloc(0)): string {
  return `${encode(header)}.${encode(payload)}.${signature.toString('base64url')}`;
}

function keyFile(name: 'private' | 'public'): { jwk: JsonWebKey & { kid: string }; pem?: string } {
  return JSON.parse(readFileSync(require.resolve(`cognito-local/lib/keys/cognitoLocal.${name}.json`), 'utf8'));
}

/** cognito-local signs the tokens of every user pool with this one RSA key (kid `CognitoLocal`). */
export function emulatorPrivateKey(): KeyObject {
  const { jwk, pem } = keyFile('private');
  return pem ? createPrivateKey(pem) : createPrivateKey({ key: jwk, format: 'jwk' });
}

export function emulatorPublicKeyPem(): string {
  return createPublicKey({ key: keyFile('public').jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
}

/** A key nobody trusts, of the same kind as the emulator's. */
export function strangerPrivateKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

export function signRs256(header: JwtPart, payload: JwtPart, key: KeyObject = emulatorPrivateKey()): string {
  const input = `${encode({ ...header, alg: 'RS256' })}.${encode(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** The classic algorithm confusion: HS256 keyed with the verifier's public key. */
export function signHs256(header: JwtPart, payload: JwtPart, secret: string): string {
  const input = `${encode({ ...header, alg: 'HS256' })}.${encode(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
