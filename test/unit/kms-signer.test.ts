// The AWS signer against a KMS stand-in (KMS has no local engine): KMS answers DER ECDSA signatures and a DER
// public key; the credential it produces must verify with the published JWK in an independent verifier (jose).
import { generateKeyPairSync, sign } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { signJws } from '../../functions/documents/domain/signer';
import { kmsSigner } from '../../functions/documents/kms-signer';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const kms = mockClient(KMSClient);

beforeEach(() => {
  kms.reset();
  kms.on(GetPublicKeyCommand).resolves({ PublicKey: publicKey.export({ format: 'der', type: 'spki' }), KeySpec: 'ECC_NIST_P256' });
  // KMS signs the digest it is given (MessageType DIGEST) and answers DER; node signs the digest's message itself.
  kms.on(SignCommand).callsFake(() => ({ Signature: pendingSignature }));
});

let pendingSignature: Uint8Array = new Uint8Array();

test('a credential signed through KMS verifies with the published key, and only with it', async () => {
  const signer = kmsSigner('arn:aws:kms:eu-central-1:111122223333:key/issuer', new KMSClient({}));
  const claims = { iss: 'urn:khidma:agency:dvld', jti: 'urn:khidma:document:DOC-1', vc: { credentialSubject: { plateNumber: '12-34567' } } };
  const header = { alg: 'ES256', typ: 'vc+jwt', kid: await signer.keyId() };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  pendingSignature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'der' });

  const jws = await signJws(signer, claims);
  expect(jws.startsWith(input)).toBe(true);
  const signCall = kms.commandCalls(SignCommand)[0]!.args[0].input;
  expect(signCall).toMatchObject({ MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' });
  expect(signCall.Message).toHaveLength(32);

  const keys = await signer.publicKeys();
  expect(keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: header.kid })]);
  const { payload } = await jwtVerify(jws, createLocalJWKSet({ keys }));
  expect(payload).toMatchObject(claims);

  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
  await expect(jwtVerify(jws, createLocalJWKSet({ keys: [{ ...other, kid: header.kid, alg: 'ES256' }] }))).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
});
