// Registry records: read under the access rules, created and updated by their owning agency; every read
// and write is audited in the subject's hash chain, and writes and their audit record commit together.
import { ammanDate } from '../../shared/amman-time';
import * as z from 'zod/mini';
import { type RecordKind, recordSchemas, recordSpecs, type RecordKindSpec } from '../../../schemas/registry';
import { isRealDate } from '../../shared/dates';
import { BadRequest, Conflict, Forbidden, HttpError, NotFound, VersionConflict } from '../../shared/errors';
import type { Principal, RequestContext } from '../../shared/identity';
import { problemsOf, type Localized } from '../../shared/language';
import { withFullName } from './names';
import { decideRead, project } from './access';
import { type Membership, type MembershipChange, type RegistryDeps, type StoredRecord, actorOf, subjectOf, auditContext } from './ports';
import { type AuditEntry } from './audit-chain';

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
  const data = parseFields(spec, fields, 'create', ammanDate(deps.now()));
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
  const data = parseFields(spec, { ...current.data, ...changes }, 'update', ammanDate(deps.now()), changes);
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

export function requireOwner(principal: Principal, spec: RecordKindSpec): void {
  if (principal.role !== 'officer' || principal.agencyId !== spec.ownerAgencyId) {
    throw new Forbidden(`Only officers of ${spec.ownerAgencyId} create and update ${spec.kind} records`, {
      reason: 'not_owning_agency',
      ownerAgencyId: spec.ownerAgencyId,
    });
  }
}

function parseFields(
  spec: RecordKindSpec,
  fields: Readonly<Record<string, unknown>>,
  operation: string,
  today: string,
  sent: Readonly<Record<string, unknown>> = fields,
): Record<string, unknown> {
  const result = z.safeParse(recordSchemas[spec.kind], fields, { reportInput: true });
  if (!result.success) {
    throw new BadRequest('validation_failed', `Invalid ${spec.kind} record for ${operation}`, problemsOf(result.error.issues, 'body', ['fields']));
  }
  const data = result.data as Record<string, unknown>;
  const problems = [...impossibleValues(data, today), ...(spec.kind === 'businesses' ? [] : withFullName(data, sent))];
  if (problems.length > 0) {
    throw new BadRequest('validation_failed', `Invalid ${spec.kind} record for ${operation}`, problems);
  }
  return data;
}

const DATE_FIELDS = ['dateOfBirth', 'permitValidUntil', 'registeredOn'] as const;

/** What the field schemas cannot see alone: dates that do not exist, births and registrations in the future, owners above 100 %. */
function impossibleValues(data: Readonly<Record<string, unknown>>, today: string) {
  const problem = (field: string, code: string, message: Localized) => ({ in: 'body', path: `fields.${field}`, code, message });
  const problems = DATE_FIELDS.filter((field) => typeof data[field] === 'string' && !isRealDate(data[field] as string)).map((field) =>
    problem(field, 'invalid_date', { en: 'must be a date that exists', ar: 'يجب أن يكون تاريخاً موجوداً في التقويم' }),
  );
  for (const field of ['dateOfBirth', 'registeredOn'] as const) {
    if (typeof data[field] === 'string' && isRealDate(data[field] as string) && (data[field] as string) > today) {
      problems.push(problem(field, 'date_in_future', { en: `must not be after ${today}`, ar: `يجب ألا يكون بعد ${today}` }));
    }
  }
  const owners = Array.isArray(data.owners) ? (data.owners as Array<{ sharePercent: number }>) : [];
  const shares = owners.reduce((total, owner) => total + owner.sharePercent, 0);
  if (Math.round(shares * 1000) > 100_000) {
    problems.push(
      problem('owners', 'shares_above_100', { en: `owner shares add up to ${shares} %, more than 100 %`, ar: `مجموع حصص المالكين ${shares}% وهو أكثر من 100%` }),
    );
  }
  return problems;
}

export function writeAudit(principal: Principal, record: StoredRecord, fields: readonly string[], action: AuditEntry['action'], context: RequestContext): AuditEntry {
  return {
    subject: subjectOf(record.kind, record.recordId),
    action,
    at: record.updatedAt,
    actor: actorOf(principal),
    fields: [...fields],
    ...auditContext(context),
  };
}

export function view(record: StoredRecord, fields: readonly string[], consentId?: string) {
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
