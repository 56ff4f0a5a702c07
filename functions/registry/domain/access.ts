// Who may see which registry fields: the subject, the owning agency, and others only under a live consent.
import { ammanDate } from '../../shared/amman-time';
import type { Principal } from '../../shared/identity';
import { type Classification, type RecordKindSpec } from '../../../schemas/registry';
import { BadRequest, Forbidden, HttpError } from '../../shared/errors';

export interface Grantee {
  readonly type: 'agency' | 'service-centre';
  readonly id: string;
}

export interface StoredConsent {
  readonly consentId: string;
  readonly kind: 'persons' | 'residents' | 'businesses';
  readonly recordId: string;
  readonly grantee: Grantee;
  readonly fields: readonly string[];
  readonly purpose: string;
  /** Last day (UTC) the consent covers, YYYY-MM-DD. */
  readonly expiresAt: string;
  readonly createdAt: string;
  readonly revokedAt?: string;
}

export type ConsentStatus = 'active' | 'expired' | 'revoked';

export function consentStatus(consent: StoredConsent, now: Date): ConsentStatus {
  if (consent.revokedAt) {
    return 'revoked';
  }
  return consent.expiresAt < ammanDate(now) ? 'expired' : 'active';
}

export function granteeOf(principal: Principal): Grantee | undefined {
  if (principal.role === 'officer' && principal.agencyId) {
    return { type: 'agency', id: principal.agencyId };
  }
  if (principal.role === 'frontline' && principal.serviceCentreId) {
    return { type: 'service-centre', id: principal.serviceCentreId };
  }
  return undefined;
}

const samePurpose = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export interface ReadDecision {
  readonly fields: readonly string[];
  /** The consent that allowed the read, when one was needed. */
  readonly consentId?: string;
  readonly basis: 'subject' | 'owner' | 'consent' | 'public';
}

/**
 * The fields `reader` may read of a record of `spec` for `purpose`. Requested fields are all-or-nothing:
 * a read asking for one field it may not see is refused whole, naming the missing fields.
 */
export function decideRead(input: {
  readonly spec: RecordKindSpec;
  readonly recordId: string;
  readonly reader: Principal;
  readonly requested?: readonly string[];
  readonly purpose: string;
  readonly consents: readonly StoredConsent[];
  /** For businesses: national numbers of its owners and representatives. */
  readonly members?: readonly string[];
  readonly now: Date;
}): ReadDecision {
  const { spec, reader, requested } = input;
  const allFields = Object.keys(spec.fields);
  const unknown = (requested ?? []).filter((field) => !(field in spec.fields));
  if (unknown.length > 0) {
    throw new BadRequest('unknown_fields', `A ${spec.kind} record has no field ${unknown.join(', ')}`, { unknownFields: unknown, fields: allFields });
  }
  const classOf = (field: string): Classification => spec.fields[field as keyof typeof spec.fields] as Classification;

  if (reader.role === 'citizen') {
    const own =
      (reader.subject?.kind === spec.kind && reader.subject.recordId === input.recordId) ||
      (spec.kind === 'businesses' && reader.subject?.kind === 'persons' && (input.members ?? []).includes(reader.subject.recordId));
    if (!own) {
      throw new Forbidden('Citizens can read only their own records', { reason: 'not_your_record' });
    }
    const visible = allFields.filter((field) => classOf(field) !== 'internal');
    return { fields: pick(requested, visible, spec.kind), basis: 'subject' };
  }
  if (reader.role === 'officer' && reader.agencyId === spec.ownerAgencyId) {
    return { fields: requested ?? allFields, basis: 'owner' };
  }
  const grantee = granteeOf(reader);
  if (!grantee) {
    throw new Forbidden('Only officers and service-centre staff with a scope read the registry', { reason: 'no_scope' });
  }
  const publicFields = allFields.filter((field) => classOf(field) === 'public');
  const live = input.consents.filter(
    (consent) =>
      consent.recordId === input.recordId &&
      consent.kind === spec.kind &&
      consent.grantee.type === grantee.type &&
      consent.grantee.id === grantee.id &&
      samePurpose(consent.purpose, input.purpose) &&
      consentStatus(consent, input.now) === 'active',
  );
  if (!requested) {
    // No field list: everything public, plus what the broadest live consent for this purpose covers.
    const best = [...live].sort((a, b) => b.fields.length - a.fields.length)[0];
    if (!best && publicFields.length === 0) {
      throw consentRequired(input.purpose, allFields.filter((field) => classOf(field) !== 'internal'));
    }
    return best
      ? { fields: [...new Set([...publicFields, ...best.fields])], consentId: best.consentId, basis: 'consent' }
      : { fields: publicFields, basis: 'public' };
  }
  const internal = requested.filter((field) => classOf(field) === 'internal');
  if (internal.length > 0) {
    throw new Forbidden(`Only the owning agency reads ${internal.join(', ')}`, { reason: 'internal_fields', fields: internal });
  }
  const needConsent = requested.filter((field) => classOf(field) !== 'public');
  if (needConsent.length === 0) {
    return { fields: requested, basis: 'public' };
  }
  const covering = live.find((consent) => needConsent.every((field) => consent.fields.includes(field)));
  if (!covering) {
    const covered = new Set(live.flatMap((consent) => consent.fields));
    throw consentRequired(input.purpose, needConsent.filter((field) => !covered.has(field)), needConsent);
  }
  return { fields: requested, consentId: covering.consentId, basis: 'consent' };
}

function pick(requested: readonly string[] | undefined, visible: readonly string[], kind: string): readonly string[] {
  if (!requested) {
    return visible;
  }
  const hidden = requested.filter((field) => !visible.includes(field));
  if (hidden.length > 0) {
    throw new Forbidden(`Those ${kind} fields are kept by the owning agency only: ${hidden.join(', ')}`, { reason: 'internal_fields', fields: hidden });
  }
  return requested;
}

function consentRequired(purpose: string, missing: readonly string[], requested?: readonly string[]): HttpError {
  return new HttpError(403, 'consent_required', 'No active consent of the citizen covers these fields for this purpose', {
    reason: 'consent_required',
    purpose,
    missingFields: missing.length > 0 ? missing : requested ?? [],
  });
}

/** Copies only `fields` of a record's data. */
export function project(data: Readonly<Record<string, unknown>>, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(fields.filter((field) => field in data).map((field) => [field, data[field]]));
}

/** The service an assisted application is for, as a centre consent's purpose may name it. */
export interface NamedService {
  readonly serviceId: string;
  readonly names: readonly string[];
}

const folded = (text: string) => text.normalize('NFC').trim().toLowerCase();

/** A consent to a service centre covers applications for the services its purpose names (by id or by name). */
export function purposeNamesService(purpose: string, service: NamedService): boolean {
  const text = folded(purpose);
  return [service.serviceId, ...service.names].some((name) => name.trim() !== '' && text.includes(folded(name)));
}

/**
 * The citizen's live consent under which a service centre may apply for `service` on their behalf: it must
 * name the service in its purpose and cover every registry field the service reads. Otherwise the fields
 * no such consent covers (all of them when no consent names the service).
 */
export function assistingConsent(input: {
  readonly consents: readonly StoredConsent[];
  readonly serviceCentreId: string;
  readonly fields: readonly string[];
  readonly service: NamedService;
  readonly now: Date;
}): { readonly consent?: StoredConsent; readonly missingFields: readonly string[]; readonly purposeNamed: boolean } {
  const candidates = input.consents.filter(
    (consent) =>
      consent.grantee.type === 'service-centre' &&
      consent.grantee.id === input.serviceCentreId &&
      consentStatus(consent, input.now) === 'active' &&
      purposeNamesService(consent.purpose, input.service),
  );
  const consent = candidates.find((candidate) => input.fields.every((field) => candidate.fields.includes(field)));
  if (consent) {
    return { consent, missingFields: [], purposeNamed: true };
  }
  // Named after the consent that comes closest: one consent must cover them all.
  const missing = candidates
    .map((candidate) => input.fields.filter((field) => !candidate.fields.includes(field)))
    .sort((a, b) => a.length - b.length)[0];
  return { missingFields: missing ?? [...input.fields], purposeNamed: candidates.length > 0 };
}
