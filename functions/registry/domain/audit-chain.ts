// The audit trail is one hash chain per subject: each record commits to the one before it, so an edited,
// removed or reordered record breaks every hash after it. Pure functions; the store only appends.
import { createHash } from 'node:crypto';
import type { AuditRecord } from '../../../schemas/registry';

export type AuditEntry = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level and undefined members dropped: one byte string per record. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashRecord(record: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

/** The record that follows `previous` (or starts the chain) for `entry`. */
export function nextRecord(previous: Pick<AuditRecord, 'seq' | 'hash'> | undefined, entry: AuditEntry): AuditRecord {
  const unsealed = { ...entry, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...unsealed, hash: hashRecord(unsealed) };
}

export interface ChainCheck {
  readonly records: number;
  readonly valid: boolean;
  readonly headHash?: string;
  readonly firstBrokenSeq?: number;
  readonly problem?: string;
  /** What broke, for machines: a record missing from the middle, a broken link, a changed record; with checkpoints (checkpoints.ts) also a removed tail. */
  readonly problemCode?: 'missing_record' | 'broken_link' | 'altered' | 'truncated' | 'checkpoint_mismatch' | 'checkpoint_invalid';
}

/** Checks a whole chain in order: consecutive sequence numbers from 1, each hash recomputed, each link to the one before. */
export function verifyChain(records: readonly AuditRecord[]): ChainCheck {
  let previous: AuditRecord | undefined;
  for (const [index, record] of records.entries()) {
    const expectedSeq = index + 1;
    const broken = (problem: string, problemCode: ChainCheck['problemCode']): ChainCheck => ({ records: records.length, valid: false, firstBrokenSeq: expectedSeq, problem, problemCode });
    if (record.seq !== expectedSeq) {
      return broken(`record ${expectedSeq} is missing (found ${record.seq} in its place)`, 'missing_record');
    }
    if (record.prevHash !== (previous?.hash ?? GENESIS_HASH)) {
      return broken(`record ${expectedSeq} does not link to the record before it`, 'broken_link');
    }
    const { hash, ...unsealed } = record;
    if (hashRecord(unsealed) !== hash) {
      return broken(`record ${expectedSeq} was changed after it was written`, 'altered');
    }
    previous = record;
  }
  return { records: records.length, valid: true, headHash: previous?.hash };
}
