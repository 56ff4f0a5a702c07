// The one place the open-data store is chosen: the S3 bucket CloudFront serves in AWS, or the folder the local
// cloud installs (and serves under /open-data/).
import { adapterSlot } from '../shared/adapter-slot';
import { environment } from '../shared/environment';
import type { OpenDataStore } from './domain/export';

const slot = adapterSlot<OpenDataStore>(async () => {
  const bucket = environment().OPEN_DATA_BUCKET;
  if (!bucket) {
    throw new Error('OPEN_DATA_BUCKET is not set and no local open-data store is installed');
  }
  const [{ s3OpenDataStore }, { lambdaS3Signing }] = await Promise.all([import('./s3-store'), import('../shared/s3-requests')]);
  return s3OpenDataStore(bucket, lambdaS3Signing(environment().OPEN_DATA_BUCKET_REGION));
});

export const installOpenDataStore = slot.install;

export const openDataStore: OpenDataStore = {
  read: async (path) => (await slot.get()).read(path),
  write: async (file) => (await slot.get()).write(file),
};
