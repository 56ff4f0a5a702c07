// The audit trail: a subject's hash chain read, verified, and a citizen's own access log.
import { type AuditRecord } from '../../../schemas/registry';
import { decodeCursor, encodeCursor, fingerprint } from '../../shared/cursor';
import type { Principal } from '../../shared/identity';
import { type RegistryDeps, requireSubject, subjectOf } from './ports';
import { type ChainCheck, verifyChain } from './audit-chain';
import { type ChainHead, type CheckpointStore, checkpointProblem, contradictedCheckpoint, readCheckpoint } from './checkpoints';
import type { Jwk } from '../../../schemas/documents';

const DEFAULT_AUDIT_PAGE = 50;

export async function readTrail(deps: RegistryDeps, subject: string, cursor: string | undefined, limit = DEFAULT_AUDIT_PAGE) {
  const print = fingerprint({ subject });
  const afterSeq = cursor ? decodeCursor(cursor, print, (key): key is number => Number.isInteger(key) && (key as number) >= 0) : 0;
  const page = await deps.store.readAudit(subject, afterSeq, limit + 1);
  const items = page.slice(0, limit);
  const last = items.at(-1);
  return { items, ...(page.length > limit && last ? { nextCursor: encodeCursor(last.seq, print) } : {}) };
}

/** A citizen's view of who touched their data: agency and role, never the officer's identity. */
export async function myAccessLog(deps: RegistryDeps, principal: Principal, cursor: string | undefined, limit?: number) {
  const subject = requireSubject(principal);
  const page = await readTrail(deps, subjectOf(subject.kind, subject.recordId), cursor, limit);
  return {
    items: page.items.map((record) => ({
      at: record.at,
      action: record.action,
      by: {
        role: record.actor.role,
        ...(record.actor.agencyId ? { agencyId: record.actor.agencyId } : {}),
        ...(record.actor.serviceCentreId ? { serviceCentreId: record.actor.serviceCentreId } : {}),
      },
      fields: record.fields,
      ...(record.purpose ? { purpose: record.purpose } : {}),
      ...(record.consentId ? { consentId: record.consentId } : {}),
      ...(record.channel ? { channel: record.channel } : {}),
    })),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/** Where the chains are anchored outside their table: the checkpoint store and the keys checkpoints are signed with. */
export interface ChainAnchors {
  readonly checkpoints: CheckpointStore;
  readonly publicKeys: () => Promise<Jwk[]>;
}

export interface TrailVerification extends ChainCheck {
  readonly subject: string;
  readonly chainHead?: Omit<ChainHead, 'at'> & { readonly at?: string };
  readonly checkpoint?: ChainHead & { readonly checkpointedAt: string; readonly keyId: string };
}

/**
 * Recomputes the subject's chain, then holds it against every checkpoint taken of it: a chain that is intact in
 * itself but ends before a checkpointed record (its tail removed) or differs from one (rewritten) is not valid.
 */
export async function verifyTrail(deps: RegistryDeps, subject: string, anchors: ChainAnchors): Promise<TrailVerification> {
  const records: AuditRecord[] = [];
  for (;;) {
    const page = await deps.store.readAudit(subject, records.at(-1)?.seq ?? 0, 500);
    records.push(...page);
    if (page.length < 500) {
      break;
    }
  }
  const head = records.at(-1);
  const chain = verifyChain(records);
  const base: TrailVerification = { subject, ...chain, ...(head ? { chainHead: { seq: head.seq, hash: head.hash, at: head.at } } : {}) };
  return chain.valid ? holdAgainstCheckpoints(base, records, anchors) : base;
}

/** The chain (intact in itself) against its checkpoints: the one it contradicts, else the latest, once its signature is checked. */
async function holdAgainstCheckpoints(base: TrailVerification, records: readonly AuditRecord[], anchors: ChainAnchors): Promise<TrailVerification> {
  const entries = await anchors.checkpoints.list(base.subject);
  const contradiction = contradictedCheckpoint(records, entries);
  const shown = contradiction?.entry ?? entries[0];
  if (!shown) {
    return base;
  }
  const token = await anchors.checkpoints.read(shown.key);
  const checkpoint = token === undefined ? undefined : readCheckpoint(token, await anchors.publicKeys(), base.subject);
  if (!checkpoint || checkpoint.seq !== shown.seq || checkpoint.hash !== shown.hash) {
    return { ...base, valid: false, problemCode: 'checkpoint_invalid', problem: `the checkpoint ${shown.key} is not signed by the platform's key` };
  }
  const reported = { ...base, checkpoint: { seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at, checkpointedAt: checkpoint.checkpointedAt, keyId: checkpoint.keyId } };
  return contradiction
    ? { ...reported, valid: false, problemCode: contradiction.problemCode, firstBrokenSeq: contradiction.firstBrokenSeq, problem: checkpointProblem(contradiction.problemCode, records.length, checkpoint) }
    : reported;
}
