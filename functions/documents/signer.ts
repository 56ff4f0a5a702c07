// The one place the document signer is chosen: the KMS key in AWS, or the key file the local cloud installs.
import { adapterSlot } from '../shared/adapter-slot';
import type { DocumentSigner } from './domain/signer';
import { environment } from '../shared/environment';

const slot = adapterSlot<DocumentSigner>(async () => {
  const keyId = environment().DOCUMENT_SIGNING_KEY_ID;
  if (!keyId) {
    throw new Error('DOCUMENT_SIGNING_KEY_ID is not set and no local signer is installed');
  }
  const { kmsSigner } = await import('./kms-signer');
  return kmsSigner(keyId);
});

export const installDocumentSigner = slot.install;

export const documentSigner: DocumentSigner = {
  keyId: async () => (await slot.get()).keyId(),
  sign: async (data) => (await slot.get()).sign(data),
  publicKeys: async () => (await slot.get()).publicKeys(),
};
