// The catalogue listing's snapshot, what it holds: each service's summary at a version. A cold listing reads the
// snapshot and the cards saved since it was folded (deltas, written in each card's own transaction): each service
// once, at its highest version, so a listing is never older than the catalogue's own writes.
import type { StoredSummary } from './catalogue';

export interface VersionedSummary {
  readonly version: number;
  readonly summary: StoredSummary;
}

/** Each service once, at the highest version found in `base` or `changes`. */
export function mergeSummaries(base: Iterable<VersionedSummary>, changes: Iterable<VersionedSummary>): VersionedSummary[] {
  const byService = new Map<string, VersionedSummary>();
  for (const entry of [...base, ...changes]) {
    const known = byService.get(entry.summary.serviceId);
    if (!known || entry.version > known.version) {
      byService.set(entry.summary.serviceId, entry);
    }
  }
  return [...byService.values()];
}
