// AWS signer: an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY); the private key never leaves KMS.
import { createHash, createPublicKey } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { type DocumentSigner, derToJose, publishedJwk } from './domain/signer';
import type { Jwk } from '../../schemas/documents';
import { traced } from '../shared/tracing';

export function kmsSigner(keyId: string, client = traced(new KMSClient({}))): DocumentSigner {
  let jwk: Promise<Jwk> | undefined;
  const publicJwk = () =>
    (jwk ??= client.send(new GetPublicKeyCommand({ KeyId: keyId })).then((answer) =>
      publishedJwk(createPublicKey({ key: Buffer.from(answer.PublicKey!), format: 'der', type: 'spki' }).export({ format: 'jwk' }) as { crv: string; x: string; y: string }),
    ));
  return {
    keyId: async () => (await publicJwk()).kid,
    async sign(data) {
      const digest = createHash('sha256').update(data).digest();
      const answer = await client.send(new SignCommand({ KeyId: keyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }));
      return derToJose(answer.Signature!);
    },
    publicKeys: async () => [await publicJwk()],
  };
}
