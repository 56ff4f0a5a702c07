// The consents an application created for its agencies end with it. A rejected or cancelled application
// revokes them at once: no agency needs the citizen's data for an application that will not happen. An
// approved one keeps them CONSENT_DAYS_AFTER_APPROVAL more days (no longer than they were given for), the
// time the agencies take to deliver what they issued and to handle an appeal or a complaint about it.
// Each change is in the citizen's audit trail, by the platform.
import { ammanDateAfter } from '../../shared/amman-time';
import { VersionConflict } from '../../shared/errors';
import type { RegistrySubject } from '../../shared/identity';
import type { StoredConsent } from './access';
import type { AuditEntry } from './audit-chain';
import { type RegistryDeps, subjectOf } from './ports';

export const CONSENT_DAYS_AFTER_APPROVAL = 30;

/** The platform acting on its own (a workflow outcome), as the audit trail names it. */
const PLATFORM_ACTOR: AuditEntry['actor'] = { id: 'khidma-workflow', role: 'system' };

export interface ApplicationEnded {
  readonly applicationId: string;
  readonly subject: RegistrySubject;
  readonly consentIds: readonly string[];
  readonly outcome: 'approved' | 'rejected' | 'cancelled';
  readonly at: Date;
}

/** Ends the application's consents; what was already revoked or ends sooner is left as it is. Returns how many changed. */
export async function endApplicationConsents(deps: Pick<RegistryDeps, 'store'>, ended: ApplicationEnded): Promise<number> {
  if (ended.consentIds.length === 0) {
    return 0;
  }
  const wanted = new Set(ended.consentIds);
  const consents = (await deps.store.listConsents(ended.subject.kind, ended.subject.recordId)).filter((consent) => wanted.has(consent.consentId) && !consent.revokedAt);
  const at = ended.at.toISOString();
  const audit = (consent: StoredConsent, action: AuditEntry['action'], purpose: string): AuditEntry => ({
    subject: subjectOf(consent.kind, consent.recordId),
    action,
    at,
    actor: PLATFORM_ACTOR,
    fields: [...consent.fields],
    purpose,
    consentId: consent.consentId,
  });
  let changed = 0;
  for (const consent of consents) {
    try {
      if (ended.outcome === 'approved') {
        const endsOn = ammanDateAfter(ended.at, CONSENT_DAYS_AFTER_APPROVAL);
        if (consent.expiresAt > endsOn) {
          const shortened = { ...consent, expiresAt: endsOn };
          await deps.store.endConsentEarlier(shortened, audit(shortened, 'consent.end', `application ${ended.applicationId} approved: ends ${endsOn}`));
          changed += 1;
        }
      } else {
        const revoked = { ...consent, revokedAt: at };
        await deps.store.saveConsent(revoked, audit(revoked, 'consent.revoke', `application ${ended.applicationId} ${ended.outcome}`));
        changed += 1;
      }
    } catch (error) {
      // Revoked meanwhile (by the citizen, or by a redelivered event): the outcome wanted already holds.
      if (!(error instanceof VersionConflict)) {
        throw error;
      }
    }
  }
  return changed;
}
