// The audit trail: a subject's hash chain read, verified, and a citizen's own access log.
import { type AuditRecord } from '../../../schemas/registry';
import { decodeCursor, encodeCursor, fingerprint } from '../../shared/cursor';
import type { Principal } from '../../shared/identity';
import { type RegistryDeps, requireSubject, subjectOf } from './ports';
import { type ChainCheck, verifyChain } from './audit-chain';

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

export async function verifyTrail(deps: RegistryDeps, subject: string): Promise<ChainCheck & { subject: string }> {
  const records: AuditRecord[] = [];
  for (;;) {
    const page = await deps.store.readAudit(subject, records.at(-1)?.seq ?? 0, 500);
    records.push(...page);
    if (page.length < 500) {
      break;
    }
  }
  return { subject, ...verifyChain(records) };
}
