// Publishing the next version of a document operators keep (the working calendar, the search synonym list):
// optimistic concurrency on the version the operator read, a clear 409 naming the current one when it moved.
import { Conflict, VersionConflict } from '../../shared/errors';

export interface VersionedStore<T extends { readonly version: number }> {
  load(): Promise<T | undefined>;
  save(document: T, expectedVersion: number): Promise<void>;
}

/** Writes `build(expectedVersion + 1)` when the current version is `expectedVersion`; returns the replaced and the new version. */
export async function publishNextVersion<T extends { readonly version: number }>(
  store: VersionedStore<T>,
  expectedVersion: number,
  build: (version: number) => T,
  described: { readonly what: string; readonly missing: () => Error },
): Promise<{ readonly previous: T; readonly next: T }> {
  const previous = await store.load();
  if (!previous) {
    throw described.missing();
  }
  if (previous.version !== expectedVersion) {
    throw staleDocument(described.what, expectedVersion, previous.version);
  }
  const next = build(expectedVersion + 1);
  try {
    await store.save(next, expectedVersion);
  } catch (error) {
    if (error instanceof VersionConflict) {
      const latest = await store.load();
      throw staleDocument(described.what, expectedVersion, latest?.version ?? expectedVersion);
    }
    throw error;
  }
  return { previous, next };
}

/** Writes version 1 unless a version exists; returns whether it was written. */
export async function importFirstVersion<T extends { readonly version: number }>(store: VersionedStore<T>, first: T): Promise<boolean> {
  if (await store.load()) {
    return false;
  }
  try {
    await store.save(first, 0);
    return true;
  } catch (error) {
    if (error instanceof VersionConflict) {
      return false;
    }
    throw error;
  }
}

const staleDocument = (what: string, expectedVersion: number, currentVersion: number) =>
  new Conflict('stale_version', `${what} is at version ${currentVersion}, not ${expectedVersion}: reload it`, { expectedVersion, currentVersion });
