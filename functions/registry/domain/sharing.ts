// Once-only sharing: the registry side of an application (consents per agency, the needed fields read once).
import { ammanDateAfter } from '../../shared/amman-time';
import { createHash } from 'node:crypto';
import { recordSpecs } from '../../../schemas/registry';
import { HttpError, VersionConflict } from '../../shared/errors';
import type { RegistrySubject, Principal, RequestContext } from '../../shared/identity';
import { assistingConsent, type NamedService, type StoredConsent, consentStatus, project } from './access';
import { consentAudit } from './consents';
import { type RegistryDeps, type StoredRecord, actorOf, subjectOf, auditContext } from './ports';
import type { AuditEntry } from './audit-chain';

/**
 * The registry side of an application: the applicant's consent to each agency that handles it (for this
 * application's purpose, for a year), and the fields the service needs, read once under it and audited.
 * Fields are named `<prefix>.<field>` (person., resident., business.); those of another kind are left to the form.
 */
export interface SharingInput {
  readonly subject: RegistrySubject;
  readonly actor: Principal;
  readonly agencyIds: readonly string[];
  readonly registryFields: readonly string[];
  readonly purpose: string;
  readonly context: RequestContext;
  /** What the sharing is for (the application's ULID): sharing again for it is a no-op. */
  readonly scopeId: string;
  /** Last day the agencies' consents may run (an assisted application: the centre consent's own). */
  readonly until?: string;
}

/** What sharing writes: each agency's consent with its audit entry, then the audited read of the fields. */
export interface SharingWrites {
  readonly grants: ReadonlyArray<{ readonly consent: StoredConsent; readonly audit: AuditEntry }>;
  readonly read: AuditEntry;
}

export interface SharingPlan {
  readonly consentIds: string[];
  readonly prefill: Record<string, unknown>;
  /** Absent when the service needs no field of the applicant's kind. */
  readonly writes?: SharingWrites;
}

/** The fields of the applicant's kind the service needs (without prefix); none: nothing to share or read. */
export function sharedFields(subject: RegistrySubject, registryFields: readonly string[]): string[] {
  const spec = recordSpecs[subject.kind];
  const prefix = `${spec.fieldPrefix}.`;
  return registryFields.filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length)).filter((field) => field in spec.fields);
}

/**
 * The sharing, computed from the applicant's record as read (nothing written): the caller writes
 * `writes` (with the application, in one transaction) or `shareForApplication` does.
 */
export function planSharing(now: Date, input: SharingInput, record: StoredRecord | undefined): SharingPlan {
  const { subject } = input;
  const spec = recordSpecs[subject.kind];
  const prefix = `${spec.fieldPrefix}.`;
  const fields = sharedFields(subject, input.registryFields);
  if (fields.length === 0) {
    return { consentIds: [], prefill: {} };
  }
  if (!record) {
    throw new HttpError(422, 'no_registry_record', 'The applicant has no registry record to prefill from');
  }
  const yearAhead = ammanDateAfter(now, 365);
  const expiresAt = input.until && input.until < yearAhead ? input.until : yearAhead;
  const grants = [...new Set(input.agencyIds)]
    .filter((agencyId) => agencyId !== spec.ownerAgencyId)
    .map((agencyId) => {
      const consent: StoredConsent = {
        consentId: scopedConsentId(input.scopeId, agencyId),
        kind: subject.kind,
        recordId: subject.recordId,
        grantee: { type: 'agency', id: agencyId },
        fields,
        purpose: input.purpose,
        expiresAt,
        createdAt: now.toISOString(),
      };
      return { consent, audit: consentAudit(input.actor, consent, 'consent.grant', consent.createdAt, input.context) };
    });
  const consentIds = grants.map(({ consent }) => consent.consentId);
  const read: AuditEntry = {
    subject: subjectOf(subject.kind, subject.recordId),
    action: 'registry.read',
    at: now.toISOString(),
    actor: actorOf(input.actor),
    fields,
    purpose: input.purpose,
    ...(consentIds[0] ? { consentId: consentIds[0] } : {}),
    ...auditContext(input.context),
  };
  const data = project(record.data, fields);
  return { consentIds, prefill: Object.fromEntries(Object.entries(data).map(([field, value]) => [`${prefix}${field}`, value])), writes: { grants, read } };
}

export async function shareForApplication(deps: RegistryDeps, input: SharingInput): Promise<{ consentIds: string[]; prefill: Record<string, unknown> }> {
  const fields = sharedFields(input.subject, input.registryFields);
  const record = fields.length === 0 ? undefined : await deps.store.getRecord(input.subject.kind, input.subject.recordId);
  const { consentIds, prefill, writes } = planSharing(deps.now(), input, record);
  if (writes) {
    try {
      await deps.store.grantConsents(writes.grants, writes.read);
    } catch (error) {
      // Shared already for this scope (a retried or concurrent submission of the same application): the
      // consents and the read are on record once; the prefill is the same data.
      if (!(error instanceof VersionConflict)) {
        throw error;
      }
    }
  }
  return { consentIds, prefill };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A consent id (ULID-shaped, so the consent routes take it) fixed by what it is for: the scope's own ULID
 * time part and 16 characters of a hash of scope and grantee. Sharing twice for one scope names the same consents.
 */
export function scopedConsentId(scopeId: string, agencyId: string): string {
  const digest = createHash('sha256').update(`${scopeId}|${agencyId}`).digest();
  const random = Array.from(digest.subarray(0, 16), (byte) => CROCKFORD[byte & 31]).join('');
  return `${scopeId.slice(0, 10).toUpperCase()}${random}`;
}

/**
 * The consent under which a service centre applies for `service` on the citizen's behalf: live, naming the
 * service in its purpose and covering every field of the subject's kind the service reads (`person.<field>`;
 * the key field the staff member typed needs none). 403 naming the missing fields otherwise.
 */
export async function assistingConsentFor(
  deps: RegistryDeps,
  input: {
    readonly subject: RegistrySubject;
    readonly serviceCentreId: string;
    readonly registryFields: readonly string[];
    readonly service: NamedService;
  },
): Promise<StoredConsent> {
  const { subject } = input;
  const spec = recordSpecs[subject.kind];
  const prefix = `${spec.fieldPrefix}.`;
  const fields = input.registryFields
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length))
    .filter((field) => field in spec.fields && field !== spec.keyField);
  const consents = await deps.store.listConsents(subject.kind, subject.recordId);
  const found = assistingConsent({ consents, serviceCentreId: input.serviceCentreId, fields, service: input.service, now: deps.now() });
  if (!found.consent) {
    throw new HttpError(
      403,
      'consent_required',
      found.purposeNamed
        ? `The citizen's consent to this service centre does not cover ${found.missingFields.join(', ')}, which ${input.service.serviceId} reads`
        : `The citizen has not consented to this service centre acting for them on ${input.service.serviceId}: the consent's purpose must name the service`,
      { reason: found.purposeNamed ? 'fields_not_covered' : 'purpose_not_covered', serviceCentreId: input.serviceCentreId, serviceId: input.service.serviceId, missingFields: found.missingFields },
    );
  }
  return found.consent;
}

/** How the registry lists a person in a business (owner or representative), if at all. */
export async function roleInBusiness(deps: RegistryDeps, nationalNumber: string, registrationNumber: string): Promise<'owner' | 'representative' | undefined> {
  return (await deps.store.listMemberships(nationalNumber)).find((membership) => membership.registrationNumber === registrationNumber)?.role;
}

/** Those of the named consents that are live now (not revoked, not expired). */
export async function liveConsents(deps: RegistryDeps, subject: RegistrySubject, consentIds: readonly string[]): Promise<StoredConsent[]> {
  const now = deps.now();
  const wanted = new Set(consentIds);
  const consents = await deps.store.listConsents(subject.kind, subject.recordId);
  return consents.filter((consent) => wanted.has(consent.consentId) && consentStatus(consent, now) === 'active');
}
