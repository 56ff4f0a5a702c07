// Consents: a citizen grants an agency or service centre named fields for one purpose until a date, lists
// and revokes them; each change is audited in the citizen's chain.
import { addDays, ammanDate } from '../../shared/amman-time';
import { ulid } from 'ulid';
import { type Consent, recordSpecs } from '../../../schemas/registry';
import { isRealDate } from '../../shared/dates';
import { BadRequest, HttpError, NotFound, VersionConflict } from '../../shared/errors';
import type { Principal, RequestContext } from '../../shared/identity';
import { type StoredConsent, consentStatus } from './access';
import { type RegistryDeps, actorOf, requireSubject, subjectOf, auditContext } from './ports';
import { type AuditEntry } from './audit-chain';

const MAX_CONSENT_DAYS = 366;

export async function grantConsent(
  deps: RegistryDeps & { agencyExists(agencyId: string): Promise<boolean> },
  principal: Principal,
  request: { agencyId?: string; serviceCentreId?: string; fields: readonly string[]; purpose: string; expiresAt: string },
  context: RequestContext,
): Promise<Consent> {
  const subject = requireSubject(principal);
  if (Boolean(request.agencyId) === Boolean(request.serviceCentreId)) {
    throw new BadRequest('grantee_required', 'Give exactly one of agencyId or serviceCentreId');
  }
  const spec = recordSpecs[subject.kind];
  const unknown = request.fields.filter((field) => !(field in spec.fields));
  if (unknown.length > 0) {
    throw new BadRequest('unknown_fields', `Your ${subject.kind} record has no field ${unknown.join(', ')}`, { unknownFields: unknown, fields: Object.keys(spec.fields) });
  }
  const internal = request.fields.filter((field) => spec.fields[field] === 'internal');
  if (internal.length > 0) {
    throw new BadRequest('internal_fields', `${internal.join(', ')} cannot be shared by consent`, { fields: internal });
  }
  const now = deps.now();
  const today = ammanDate(now);
  const latest = addDays(today, MAX_CONSENT_DAYS);
  if (!isRealDate(request.expiresAt) || request.expiresAt < today || request.expiresAt > latest) {
    throw new BadRequest('invalid_expiry', `expiresAt must be a real date from ${today} to ${latest}`, { earliest: today, latest });
  }
  if (request.agencyId === spec.ownerAgencyId) {
    throw new BadRequest('owner_needs_no_consent', `${spec.ownerAgencyId} keeps this record and needs no consent`);
  }
  if (request.agencyId && !(await deps.agencyExists(request.agencyId))) {
    throw new HttpError(422, 'unknown_agency', `No agency ${request.agencyId}`, { agencyId: request.agencyId });
  }
  const consent: StoredConsent = {
    consentId: ulid(now.getTime()),
    kind: subject.kind,
    recordId: subject.recordId,
    grantee: request.agencyId ? { type: 'agency', id: request.agencyId } : { type: 'service-centre', id: request.serviceCentreId! },
    fields: [...new Set(request.fields)],
    purpose: request.purpose.trim(),
    expiresAt: request.expiresAt,
    createdAt: now.toISOString(),
  };
  await deps.store.saveConsent(consent, consentAudit(principal, consent, 'consent.grant', consent.createdAt, context));
  return consentView(consent, now);
}

export async function listMyConsents(deps: RegistryDeps, principal: Principal): Promise<{ items: Consent[] }> {
  const subject = requireSubject(principal);
  const now = deps.now();
  const consents = await deps.store.listConsents(subject.kind, subject.recordId);
  return { items: consents.map((consent) => consentView(consent, now)).sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)) };
}

export async function revokeConsent(deps: RegistryDeps, principal: Principal, consentId: string, context: RequestContext): Promise<Consent> {
  const subject = requireSubject(principal);
  const now = deps.now();
  const consent = (await deps.store.listConsents(subject.kind, subject.recordId)).find((candidate) => candidate.consentId === consentId);
  if (!consent) {
    throw new NotFound('consent_not_found', `You have no consent ${consentId}`);
  }
  if (consent.revokedAt) {
    return consentView(consent, now);
  }
  const revoked = { ...consent, revokedAt: now.toISOString() };
  try {
    await deps.store.saveConsent(revoked, consentAudit(principal, revoked, 'consent.revoke', revoked.revokedAt, context));
  } catch (error) {
    if (error instanceof VersionConflict) {
      // Revoked concurrently: the outcome the caller asked for already holds.
      const latest = (await deps.store.listConsents(subject.kind, subject.recordId)).find((candidate) => candidate.consentId === consentId);
      return consentView(latest ?? revoked, now);
    }
    throw error;
  }
  return consentView(revoked, now);
}

export function consentAudit(principal: Principal, consent: StoredConsent, action: AuditEntry['action'], at: string, context: RequestContext): AuditEntry {
  return {
    subject: subjectOf(consent.kind, consent.recordId),
    action,
    at,
    actor: actorOf(principal),
    fields: [...consent.fields],
    purpose: consent.purpose,
    consentId: consent.consentId,
    ...auditContext(context),
  };
}

export function consentView(consent: StoredConsent, now: Date): Consent {
  return { ...consent, fields: [...consent.fields], grantee: { ...consent.grantee }, status: consentStatus(consent, now) };
}

