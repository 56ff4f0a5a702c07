// File-system adapter of the open-data store (the local cloud: <data>/open-data/, served under /open-data/). A
// file is written to a temporary name and renamed, so a reader never sees half of it.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OpenDataStore } from './domain/export';

export function fileOpenDataStore(dir: string): OpenDataStore {
  return {
    async read(name) {
      try {
        return await readFile(path.join(dir, name), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return undefined;
        }
        throw error;
      }
    },
    async write(file) {
      await mkdir(dir, { recursive: true });
      const target = path.join(dir, file.path);
      const temporary = `${target}.${process.pid}.tmp`;
      await writeFile(temporary, file.body, 'utf8');
      await rename(temporary, target);
    },
  };
}
