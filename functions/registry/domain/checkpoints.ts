// Audit checkpoints: each subject's chain head (sequence, hash, time), signed with the platform's issuer key and
// kept outside the audit table, write-once (S3 Object Lock in AWS, a write-once folder locally). A chain that now
// ends before its last checkpoint, or differs from it, lost or rewrote records the table alone cannot show.
import { createPublicKey, verify } from 'node:crypto';
import type { Jwk } from '../../../schemas/documents';
import type { AuditRecord } from '../../../schemas/registry';
import { type DocumentSigner, signJws } from '../../documents/domain/signer';

export const CHECKPOINT_TYPE = 'audit-checkpoint+jwt';

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
}

/** What a checkpoint attests: this subject's chain had this head when it was taken. */
export interface Checkpoint extends ChainHead {
  readonly subject: string;
  readonly checkpointedAt: string;
}

/** A stored checkpoint as its key names it: which head it attests (its signed body says the same). */
export interface CheckpointEntry {
  readonly key: string;
  readonly seq: number;
  readonly hash: string;
}

/**
 * The write-once store of signed checkpoints, one object per subject, sequence number and hash. The key carries
 * the head it attests, so one listing holds a chain against every checkpoint ever taken of it.
 */
export interface CheckpointStore {
  /** Writes the signed checkpoint once; `exists` when its key was written before (an object is never replaced). */
  put(entry: CheckpointEntry, token: string): Promise<'written' | 'exists'>;
  /** Every checkpoint of the subject, highest sequence number first. */
  list(subject: string): Promise<CheckpointEntry[]>;
  /** The signed checkpoint stored under `key`. */
  read(key: string): Promise<string | undefined>;
}

export interface CheckpointDeps {
  readonly checkpoints: CheckpointStore;
  readonly signer: DocumentSigner;
  readonly now: () => Date;
}

/** Largest sequence number a key can hold; keys sort by descending sequence, so a listing's first is the latest. */
const MAX_SEQ = 999_999_999_999;
const KEY_NAME = /^(\d{12})-([0-9a-f]{64})\.jws$/;

export const checkpointPrefix = (subject: string) => `${encodeURIComponent(subject)}/`;

/** `<subject>/<MAX_SEQ - seq, 12 digits>-<hash>.jws`: a subject's checkpoints listed newest first. */
export function checkpointKey(subject: string, seq: number, hash: string): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ || !/^[0-9a-f]{64}$/.test(hash)) {
    throw new Error(`no checkpoint key for sequence ${seq}`);
  }
  return `${checkpointPrefix(subject)}${String(MAX_SEQ - seq).padStart(12, '0')}-${hash}.jws`;
}

/** The entry a stored key names; undefined for a key that is not a checkpoint's. */
export function checkpointEntry(key: string): CheckpointEntry | undefined {
  const match = KEY_NAME.exec(key.slice(key.lastIndexOf('/') + 1));
  return match ? { key, seq: MAX_SEQ - Number(match[1]), hash: match[2]! } : undefined;
}

/** Signs and stores the head of each subject's chain among `records` (the highest sequence number of each). */
export async function checkpointHeads(deps: CheckpointDeps, records: readonly AuditRecord[]): Promise<Checkpoint[]> {
  const heads = new Map<string, AuditRecord>();
  for (const record of records) {
    if ((heads.get(record.subject)?.seq ?? 0) < record.seq) {
      heads.set(record.subject, record);
    }
  }
  const written: Checkpoint[] = [];
  for (const head of heads.values()) {
    const checkpoint: Checkpoint = { subject: head.subject, seq: head.seq, hash: head.hash, at: head.at, checkpointedAt: deps.now().toISOString() };
    const entry = { key: checkpointKey(head.subject, head.seq, head.hash), seq: head.seq, hash: head.hash };
    await deps.checkpoints.put(entry, await signJws(deps.signer, checkpoint, CHECKPOINT_TYPE));
    written.push(checkpoint);
  }
  return written;
}

/** The checkpoint a token carries, if its signature verifies with one of `keys` and it is a checkpoint of `subject`. */
export function readCheckpoint(token: string, keys: readonly Jwk[], subject: string): (Checkpoint & { keyId: string }) | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) {
    return undefined;
  }
  try {
    const { alg, typ, kid } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string; typ?: string; kid?: string };
    const key = keys.find((candidate) => candidate.kid === kid);
    if (alg !== 'ES256' || typ !== CHECKPOINT_TYPE || !key) {
      return undefined;
    }
    const publicKey = createPublicKey({ key: { kty: key.kty, crv: key.crv, x: key.x, y: key.y }, format: 'jwk' });
    const signed = verify('sha256', Buffer.from(`${header}.${payload}`, 'ascii'), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
    const checkpoint = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Checkpoint;
    return signed && checkpoint.subject === subject && Number.isInteger(checkpoint.seq) ? { ...checkpoint, keyId: kid! } : undefined;
  } catch {
    return undefined;
  }
}

export type CheckpointProblem = 'truncated' | 'checkpoint_mismatch';

/**
 * How an intact chain stands against every checkpoint taken of it: the checkpoint it contradicts (the highest one
 * past its end: records removed from its tail; else the first one whose record differs: records rewritten), or,
 * when none does, undefined.
 */
export function contradictedCheckpoint(
  records: readonly AuditRecord[],
  entries: readonly CheckpointEntry[],
): { entry: CheckpointEntry; problemCode: CheckpointProblem; firstBrokenSeq: number } | undefined {
  const beyond = entries.filter((entry) => entry.seq > records.length).sort((a, b) => b.seq - a.seq)[0];
  if (beyond) {
    return { entry: beyond, problemCode: 'truncated', firstBrokenSeq: records.length + 1 };
  }
  const differing = entries.filter((entry) => records[entry.seq - 1]!.hash !== entry.hash).sort((a, b) => a.seq - b.seq)[0];
  return differing ? { entry: differing, problemCode: 'checkpoint_mismatch', firstBrokenSeq: differing.seq } : undefined;
}

export function checkpointProblem(problemCode: CheckpointProblem, records: number, checkpoint: ChainHead): string {
  return problemCode === 'truncated'
    ? `the chain ends at record ${records}, but record ${checkpoint.seq} was checkpointed at ${checkpoint.at}: records ${records + 1} to ${checkpoint.seq} were removed`
    : `record ${checkpoint.seq} is not the record that was checkpointed at ${checkpoint.at}: the chain was rewritten`;
}
