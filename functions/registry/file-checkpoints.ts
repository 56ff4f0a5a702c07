// The audit checkpoints in the local cloud: one file per checkpoint under <data>/audit-checkpoints/, created with
// O_EXCL (an existing file is never replaced) and read-only; the store has no way to change or remove one.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CheckpointEntry, type CheckpointStore, checkpointEntry, checkpointPrefix } from './domain/checkpoints';

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

export function fileCheckpointStore(root: string): CheckpointStore {
  return {
    async put(entry, token) {
      const file = path.join(root, entry.key);
      await mkdir(path.dirname(file), { recursive: true });
      try {
        await writeFile(file, token, { flag: 'wx', mode: 0o444 });
        return 'written';
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          return 'exists';
        }
        throw error;
      }
    },
    async list(subject) {
      const prefix = checkpointPrefix(subject);
      const names = await readdir(path.join(root, prefix)).catch((error: unknown) => {
        if (missing(error)) {
          return [];
        }
        throw error;
      });
      return names
        .sort()
        .map((name) => checkpointEntry(`${prefix}${name}`))
        .filter((entry): entry is CheckpointEntry => entry !== undefined);
    },
    async read(key) {
      return readFile(path.join(root, key), 'utf8').catch((error: unknown) => {
        if (missing(error)) {
          return undefined;
        }
        throw error;
      });
    },
  };
}
