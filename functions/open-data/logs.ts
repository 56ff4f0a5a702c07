// The one place the source of download logs is chosen: the open-data distribution's CloudFront logs in S3, or the
// folder the local cloud's gateway writes the same lines to (local/open-data.ts).
import { adapterSlot } from '../shared/adapter-slot';
import { environment } from '../shared/environment';
import type { LogSource } from './domain/downloads';

const slot = adapterSlot<LogSource>(async () => {
  const bucket = environment().OPEN_DATA_LOG_BUCKET;
  if (!bucket) {
    throw new Error('OPEN_DATA_LOG_BUCKET is not set and no local log source is installed');
  }
  const [{ s3LogSource }, { lambdaS3Signing }] = await Promise.all([import('./s3-logs'), import('../shared/s3-requests')]);
  return s3LogSource(bucket, lambdaS3Signing(environment().OPEN_DATA_BUCKET_REGION));
});

export const installDownloadLogs = slot.install;

export const downloadLogs: LogSource = {
  async *keys() {
    yield* (await slot.get()).keys();
  },
  read: async (key) => (await slot.get()).read(key),
  remove: async (key) => (await slot.get()).remove(key),
};
