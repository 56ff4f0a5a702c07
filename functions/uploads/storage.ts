// The one place the upload storage is chosen: S3 presigned requests in AWS, or the local cloud's file store.
import { adapterSlot } from '../shared/adapter-slot';
import { environment } from '../shared/environment';
import type { ObjectStorage } from './domain/uploads';


const slot = adapterSlot<ObjectStorage>(async () => {
  const bucket = environment().UPLOAD_BUCKET;
  if (!bucket) {
    throw new Error('UPLOAD_BUCKET is not set and no local storage is installed');
  }
  const { s3Storage } = await import('./s3-storage');
  return s3Storage(bucket);
});

export const installObjectStorage = slot.install;

export const objectStorage: ObjectStorage = {
  presignPost: async (input) => (await slot.get()).presignPost(input),
  presignGet: async (input) => (await slot.get()).presignGet(input),
  keep: async (key) => (await slot.get()).keep(key),
};
