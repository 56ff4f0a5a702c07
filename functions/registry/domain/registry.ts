// Use cases of the national registry, consents and the audit trail, over a storage port (no AWS types here).
// Every read and write of a record and every consent change is audited in the subject's hash chain;
// writes and their audit record commit together.
import { addDays, ammanDate, ammanDateAfter } from '../../shared/amman-time';
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import * as z from 'zod/mini';
import {
  type AuditRecord,
  type Consent,
  type RecordKind,
  recordSpecs,
  type RecordKindSpec,
} from '../../../schemas/registry';
import type { LocalizedName } from '../../../schemas/common';
import { decodeCursor, encodeCursor, fingerprint } from '../../shared/cursor';
import { isRealDate } from '../../shared/dates';
import { BadRequest, Conflict, Forbidden, HttpError, NotFound, VersionConflict } from '../../shared/errors';
import type { IdentityLink, Principal, RequestContext } from '../../shared/identity';
import { assistingConsent, type NamedService, type StoredConsent, consentStatus, decideRead, project } from './access';
import { type AuditEntry, type ChainCheck, verifyChain } from './audit-chain';

export interface StoredRecord {
  readonly kind: RecordKind;
  readonly recordId: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly ownerAgencyId: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface Membership {
  readonly registrationNumber: string;
  readonly name: z.infer<typeof LocalizedName>;
  readonly role: 'owner' | 'representative';
}

export class AlreadyExists extends Error {}

export interface RegistryStore {
  getLink(sub: string): Promise<IdentityLink | undefined>;
  /** Writes the link and, for citizens, claims their record's one account; AlreadyExists if it is claimed. */
  putLink(link: IdentityLink): Promise<void>;
  /** Records that the account enrolled TOTP MFA. */
  markMfaEnrolled(sub: string, at: string): Promise<void>;
  /** The account (Cognito sub) claiming a record, if any. */
  getAccount(kind: RecordKind, recordId: string): Promise<string | undefined>;
  /** The claim on a record's one account: which sub, since when. */
  getClaim(kind: RecordKind, recordId: string): Promise<{ sub: string; createdAt: string } | undefined>;
  /** Removes `sub`'s claim on the record and its identity link, together, if the claim is still `sub`'s; AlreadyExists otherwise. */
  releaseClaim(kind: RecordKind, recordId: string, sub: string): Promise<void>;
  getRecord(kind: RecordKind, recordId: string): Promise<StoredRecord | undefined>;
  /**
   * Writes `record` (version 1 when expectedVersion is 0), replaces the business memberships it implies, and
   * appends `audit`, in one transaction. VersionConflict when the stored version is not `expectedVersion`.
   */
  saveRecord(record: StoredRecord, expectedVersion: number, memberships: MembershipChange, audit: AuditEntry): Promise<void>;
  listMemberships(personId: string): Promise<Membership[]>;
  listConsents(kind: RecordKind, recordId: string): Promise<StoredConsent[]>;
  /** Writes a new or revoked consent and appends `audit` in one transaction; a revocation is conditional on not being revoked. */
  saveConsent(consent: StoredConsent, audit: AuditEntry): Promise<void>;
  /**
   * Writes new consents of one subject and appends their audit entries, then `after`, to the subject's chain in
   * one transaction (one race for the chain's head instead of one per entry). VersionConflict when any of the
   * consents exists already: nothing is written.
   */
  grantConsents(grants: ReadonlyArray<{ readonly consent: StoredConsent; readonly audit: AuditEntry }>, after: AuditEntry): Promise<void>;
  appendAudit(entry: AuditEntry): Promise<AuditRecord>;
  /** A page of a subject's chain in order, after sequence `afterSeq`. */
  readAudit(subject: string, afterSeq: number, limit: number): Promise<AuditRecord[]>;
}

export interface MembershipChange {
  readonly put: ReadonlyArray<Membership & { readonly personId: string }>;
  readonly remove: ReadonlyArray<{ readonly personId: string; readonly registrationNumber: string }>;
}

export interface RegistryDeps {
  readonly store: RegistryStore;
  readonly now: () => Date;
}

export const subjectOf = (kind: RecordKind, recordId: string) => `${kind}:${recordId}`;

function actorOf(principal: Principal): AuditEntry['actor'] {
  return {
    id: principal.sub,
    role: principal.role,
    ...(principal.agencyId ? { agencyId: principal.agencyId } : {}),
    ...(principal.serviceCentreId ? { serviceCentreId: principal.serviceCentreId } : {}),
  };
}

// --- Records ---

export async function getMe(deps: RegistryDeps, principal: Principal, context: RequestContext) {
  if (!principal.subject) {
    throw new HttpError(404, 'no_registry_profile', 'Staff accounts have no registry profile');
  }
  const { kind, recordId } = principal.subject;
  const record = await deps.store.getRecord(kind, recordId);
  if (!record) {
    throw new NotFound('record_not_found', 'Your registry record was not found; contact the Civil Status and Passport Department');
  }
  const spec = recordSpecs[kind];
  const fields = Object.keys(spec.fields).filter((field) => spec.fields[field] !== 'internal');
  await deps.store.appendAudit({
    subject: subjectOf(kind, recordId),
    action: 'registry.read',
    at: deps.now().toISOString(),
    actor: actorOf(principal),
    fields,
    purpose: 'own profile',
    ...auditContext(context),
  });
  const businesses = kind === 'persons' ? await deps.store.listMemberships(recordId) : [];
  return { kind, recordId, profile: project(record.data, fields), businesses };
}

export async function readRecord(
  deps: RegistryDeps,
  principal: Principal,
  kind: RecordKind,
  recordId: string,
  query: { fields?: readonly string[]; purpose: string },
  context: RequestContext,
) {
  const spec = recordSpecs[kind];
  const now = deps.now();
  const [record, consents] = await Promise.all([
    deps.store.getRecord(kind, recordId),
    kind === 'businesses' ? Promise.resolve([]) : deps.store.listConsents(kind, recordId),
  ]);
  const members = record && kind === 'businesses' ? membersOf(record.data) : undefined;
  // Decide before revealing whether the record exists: a caller without a right learns nothing.
  let decision;
  try {
    decision = decideRead({ spec, recordId, reader: principal, requested: query.fields, purpose: query.purpose, consents, members, now });
  } catch (error) {
    // A refused read of an existing record is on its trail too: attempts are what an auditor looks for.
    if (record && error instanceof HttpError && error.status === 403) {
      await deps.store.appendAudit({
        subject: subjectOf(kind, recordId),
        action: 'registry.read-denied',
        at: now.toISOString(),
        actor: actorOf(principal),
        fields: [...(query.fields ?? [])],
        purpose: query.purpose,
        ...auditContext(context),
      });
    }
    throw error;
  }
  if (!record) {
    throw new NotFound('record_not_found', `No ${kind} record ${recordId}`);
  }
  // Audited before it is returned: no read leaves without its trace.
  await deps.store.appendAudit({
    subject: subjectOf(kind, recordId),
    action: 'registry.read',
    at: now.toISOString(),
    actor: actorOf(principal),
    fields: [...decision.fields],
    purpose: query.purpose,
    ...(decision.consentId ? { consentId: decision.consentId } : {}),
    ...auditContext(context),
  });
  return view(record, decision.fields, decision.consentId);
}

export async function createRecord(
  deps: RegistryDeps,
  principal: Principal,
  kind: RecordKind,
  fields: Readonly<Record<string, unknown>>,
  context: RequestContext,
) {
  const spec = recordSpecs[kind];
  requireOwner(principal, spec);
  const data = parseFields(spec, fields, 'create', deps.now().toISOString().slice(0, 10));
  const recordId = String(data[spec.keyField]);
  const record: StoredRecord = {
    kind,
    recordId,
    version: 1,
    updatedAt: deps.now().toISOString(),
    ownerAgencyId: spec.ownerAgencyId,
    data,
  };
  try {
    await deps.store.saveRecord(record, 0, membershipChange(undefined, record), writeAudit(principal, record, Object.keys(data), 'registry.create', context));
  } catch (error) {
    if (error instanceof VersionConflict) {
      throw new Conflict('record_exists', `A ${kind} record ${recordId} already exists`, { recordId });
    }
    throw error;
  }
  return view(record, Object.keys(spec.fields));
}

export async function updateRecord(
  deps: RegistryDeps,
  principal: Principal,
  kind: RecordKind,
  recordId: string,
  expectedVersion: number,
  changes: Readonly<Record<string, unknown>>,
  context: RequestContext,
) {
  const spec = recordSpecs[kind];
  requireOwner(principal, spec);
  if (spec.keyField in changes && changes[spec.keyField] !== recordId) {
    throw new BadRequest('key_field_immutable', `${spec.keyField} identifies the record and cannot change`, { field: spec.keyField });
  }
  const current = await deps.store.getRecord(kind, recordId);
  if (!current) {
    throw new NotFound('record_not_found', `No ${kind} record ${recordId}`);
  }
  if (current.version !== expectedVersion) {
    throw staleRecord(kind, recordId, expectedVersion, current.version);
  }
  const data = parseFields(spec, { ...current.data, ...changes }, 'update', deps.now().toISOString().slice(0, 10));
  const record: StoredRecord = { ...current, version: current.version + 1, updatedAt: deps.now().toISOString(), data };
  const changed = Object.keys(changes).filter((field) => JSON.stringify(current.data[field]) !== JSON.stringify(data[field]));
  try {
    await deps.store.saveRecord(record, expectedVersion, membershipChange(current, record), writeAudit(principal, record, changed, 'registry.update', context));
  } catch (error) {
    if (error instanceof VersionConflict) {
      const latest = await deps.store.getRecord(kind, recordId);
      throw staleRecord(kind, recordId, expectedVersion, latest?.version ?? current.version);
    }
    throw error;
  }
  return view(record, Object.keys(spec.fields));
}

function staleRecord(kind: string, recordId: string, expectedVersion: number, currentVersion: number): Conflict {
  return new Conflict('stale_version', `The ${kind} record ${recordId} is at version ${currentVersion}, not ${expectedVersion}: reload it and apply your change again`, {
    expectedVersion,
    currentVersion,
  });
}

function requireOwner(principal: Principal, spec: RecordKindSpec): void {
  if (principal.role !== 'officer' || principal.agencyId !== spec.ownerAgencyId) {
    throw new Forbidden(`Only officers of ${spec.ownerAgencyId} create and update ${spec.kind} records`, {
      reason: 'not_owning_agency',
      ownerAgencyId: spec.ownerAgencyId,
    });
  }
}

function parseFields(spec: RecordKindSpec, fields: Readonly<Record<string, unknown>>, operation: string, today: string): Record<string, unknown> {
  const result = z.safeParse(spec.schema, fields);
  if (!result.success) {
    throw new BadRequest('validation_failed', `Invalid ${spec.kind} record for ${operation}`, result.error.issues.map((issue) => ({
      in: 'body',
      path: ['fields', ...issue.path.map(String)].join('.'),
      code: issue.code,
      message: issue.message,
    })));
  }
  const data = result.data as Record<string, unknown>;
  const problems = impossibleValues(data, today);
  if (problems.length > 0) {
    throw new BadRequest('validation_failed', `Invalid ${spec.kind} record for ${operation}`, problems);
  }
  return data;
}

const DATE_FIELDS = ['dateOfBirth', 'permitValidUntil', 'registeredOn'] as const;

/** What the field schemas cannot see alone: dates that do not exist, births and registrations in the future, owners above 100 %. */
function impossibleValues(data: Readonly<Record<string, unknown>>, today: string) {
  const problem = (field: string, code: string, message: string) => ({ in: 'body', path: `fields.${field}`, code, message });
  const problems = DATE_FIELDS.filter((field) => typeof data[field] === 'string' && !isRealDate(data[field] as string)).map((field) =>
    problem(field, 'invalid_date', 'must be a date that exists'),
  );
  for (const field of ['dateOfBirth', 'registeredOn'] as const) {
    if (typeof data[field] === 'string' && isRealDate(data[field] as string) && (data[field] as string) > today) {
      problems.push(problem(field, 'date_in_future', `must not be after ${today}`));
    }
  }
  const owners = Array.isArray(data.owners) ? (data.owners as Array<{ sharePercent: number }>) : [];
  const shares = owners.reduce((total, owner) => total + owner.sharePercent, 0);
  if (Math.round(shares * 1000) > 100_000) {
    problems.push(problem('owners', 'shares_above_100', `owner shares add up to ${shares} %, more than 100 %`));
  }
  return problems;
}

function writeAudit(principal: Principal, record: StoredRecord, fields: readonly string[], action: AuditEntry['action'], context: RequestContext): AuditEntry {
  return {
    subject: subjectOf(record.kind, record.recordId),
    action,
    at: record.updatedAt,
    actor: actorOf(principal),
    fields: [...fields],
    ...auditContext(context),
  };
}

function auditContext(context: RequestContext): Pick<AuditEntry, 'channel' | 'requestId'> {
  return {
    ...(context.channel ? { channel: context.channel } : {}),
    ...(context.requestId ? { requestId: context.requestId } : {}),
  };
}

function view(record: StoredRecord, fields: readonly string[], consentId?: string) {
  return {
    kind: record.kind,
    recordId: record.recordId,
    version: record.version,
    updatedAt: record.updatedAt,
    ownerAgencyId: record.ownerAgencyId,
    fields: project(record.data, fields),
    ...(consentId ? { consentId } : {}),
  };
}

interface BusinessData {
  name: Membership['name'];
  owners: Array<{ nationalNumber: string }>;
  representatives: string[];
}

function membersOf(data: Readonly<Record<string, unknown>>): string[] {
  const business = data as unknown as BusinessData;
  return [...business.owners.map((owner) => owner.nationalNumber), ...business.representatives];
}

function memberships(record: StoredRecord | undefined): Array<Membership & { personId: string }> {
  if (!record || record.kind !== 'businesses') {
    return [];
  }
  const business = record.data as unknown as BusinessData;
  const byPerson = new Map<string, Membership['role']>();
  business.representatives.forEach((personId) => byPerson.set(personId, 'representative'));
  business.owners.forEach((owner) => byPerson.set(owner.nationalNumber, 'owner'));
  return [...byPerson].map(([personId, role]) => ({ personId, registrationNumber: record.recordId, name: business.name, role }));
}

function membershipChange(before: StoredRecord | undefined, after: StoredRecord): MembershipChange {
  const next = memberships(after);
  const kept = new Set(next.map((membership) => membership.personId));
  return {
    put: next,
    remove: memberships(before)
      .filter((membership) => !kept.has(membership.personId))
      .map(({ personId, registrationNumber }) => ({ personId, registrationNumber })),
  };
}

// --- Consents ---

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

function consentAudit(principal: Principal, consent: StoredConsent, action: AuditEntry['action'], at: string, context: RequestContext): AuditEntry {
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

function consentView(consent: StoredConsent, now: Date): Consent {
  return { ...consent, fields: [...consent.fields], grantee: { ...consent.grantee }, status: consentStatus(consent, now) };
}

function requireSubject(principal: Principal): NonNullable<Principal['subject']> {
  if (principal.role !== 'citizen' || !principal.subject) {
    throw new Forbidden('Only citizens and residents manage consents to their own data', { reason: 'not_a_data_subject' });
  }
  return principal.subject;
}


// --- Audit trail ---

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


// --- Once-only sharing for an application ---

/**
 * The registry side of an application: the applicant's consent to each agency that handles it (for this
 * application's purpose, for a year), and the fields the service needs, read once under it and audited.
 * Fields are named `person.<field>` or `resident.<field>`; those of another kind are left to the form.
 */
export async function shareForApplication(
  deps: RegistryDeps,
  input: {
    readonly subject: NonNullable<Principal['subject']>;
    readonly actor: Principal;
    readonly agencyIds: readonly string[];
    readonly registryFields: readonly string[];
    readonly purpose: string;
    readonly context: RequestContext;
    /** What the sharing is for (the application's ULID): sharing again for it is a no-op. */
    readonly scopeId: string;
    /** Last day the agencies' consents may run (an assisted application: the centre consent's own). */
    readonly until?: string;
  },
): Promise<{ consentIds: string[]; prefill: Record<string, unknown> }> {
  const { subject } = input;
  const spec = recordSpecs[subject.kind];
  const prefix = subject.kind === 'persons' ? 'person.' : 'resident.';
  const fields = input.registryFields.filter((name) => name.startsWith(prefix)).map((name) => name.slice(prefix.length)).filter((field) => field in spec.fields);
  if (fields.length === 0) {
    return { consentIds: [], prefill: {} };
  }
  const record = await deps.store.getRecord(subject.kind, subject.recordId);
  if (!record) {
    throw new HttpError(422, 'no_registry_record', 'The applicant has no registry record to prefill from');
  }
  const now = deps.now();
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
  try {
    await deps.store.grantConsents(grants, {
      subject: subjectOf(subject.kind, subject.recordId),
      action: 'registry.read',
      at: now.toISOString(),
      actor: actorOf(input.actor),
      fields,
      purpose: input.purpose,
      ...(consentIds[0] ? { consentId: consentIds[0] } : {}),
      ...auditContext(input.context),
    });
  } catch (error) {
    // Shared already for this scope (a retried or concurrent submission of the same application): the
    // consents and the read are on record once; the prefill is the same data.
    if (!(error instanceof VersionConflict)) {
      throw error;
    }
  }
  const data = project(record.data, fields);
  return { consentIds, prefill: Object.fromEntries(Object.entries(data).map(([field, value]) => [`${prefix}${field}`, value])) };
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
    readonly subject: NonNullable<Principal['subject']>;
    readonly serviceCentreId: string;
    readonly registryFields: readonly string[];
    readonly service: NamedService;
  },
): Promise<StoredConsent> {
  const { subject } = input;
  const spec = recordSpecs[subject.kind];
  const prefix = subject.kind === 'persons' ? 'person.' : 'resident.';
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

/** Those of the named consents that are live now (not revoked, not expired). */
export async function liveConsents(deps: RegistryDeps, subject: NonNullable<Principal['subject']>, consentIds: readonly string[]): Promise<StoredConsent[]> {
  const now = deps.now();
  const wanted = new Set(consentIds);
  const consents = await deps.store.listConsents(subject.kind, subject.recordId);
  return consents.filter((consent) => wanted.has(consent.consentId) && consentStatus(consent, now) === 'active');
}
