// Local signer: an ECDSA P-256 key in a PEM file, created once (the local cloud keeps it in its data folder).
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type DocumentSigner, publishedJwk } from './domain/signer';

export function localKeySigner(keyFile: string): DocumentSigner {
  if (!existsSync(keyFile)) {
    mkdirSync(path.dirname(keyFile), { recursive: true });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
  }
  const privateKey = createPrivateKey(readFileSync(keyFile));
  const jwk = publishedJwk(createPublicKey(privateKey).export({ format: 'jwk' }) as { crv: string; x: string; y: string });
  return {
    keyId: async () => jwk.kid,
    sign: async (data) => sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }),
    publicKeys: async () => [jwk],
  };
}
