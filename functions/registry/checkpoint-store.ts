// The one place the audit checkpoint store is chosen: the Object Lock bucket in AWS, or the write-once folder the
// local cloud installs.
import { adapterSlot } from '../shared/adapter-slot';
import { environment } from '../shared/environment';
import type { CheckpointStore } from './domain/checkpoints';

const slot = adapterSlot<CheckpointStore>(async () => {
  const bucket = environment().AUDIT_CHECKPOINT_BUCKET;
  if (!bucket) {
    throw new Error('AUDIT_CHECKPOINT_BUCKET is not set and no local checkpoint store is installed');
  }
  const { s3CheckpointStore } = await import('./s3-checkpoints');
  return s3CheckpointStore(bucket);
});

export const installCheckpointStore = slot.install;

export const checkpointStore: CheckpointStore = {
  put: async (entry, token) => (await slot.get()).put(entry, token),
  list: async (subject) => (await slot.get()).list(subject),
  read: async (key) => (await slot.get()).read(key),
};
