// The national registry's storage port and what every registry use case shares (no AWS types here).
import * as z from 'zod/mini';
import { type AuditRecord, type RecordKind } from '../../../schemas/registry';
import type { LocalizedName } from '../../../schemas/common';
import { Forbidden } from '../../shared/errors';
import type { IdentityLink, Principal, RequestContext } from '../../shared/identity';
import { type StoredConsent } from './access';
import { type AuditEntry } from './audit-chain';

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

export interface Claim {
  readonly createdAt: string;
  readonly confirmed: boolean;
  readonly sub?: string;
}

export interface RegistryStore {
  getLink(sub: string): Promise<IdentityLink | undefined>;
  /** Writes the link and, for citizens, claims their record's one account; AlreadyExists if it is claimed. */
  putLink(link: IdentityLink): Promise<void>;
  /** Records that the account enrolled TOTP MFA. */
  markMfaEnrolled(sub: string, at: string): Promise<void>;
  /** The account (Cognito sub) claiming a record, if any. */
  getAccount(kind: RecordKind, recordId: string): Promise<string | undefined>;
  /** The claim on a record's one account: since when, and the account (sub) once its sign-up is confirmed. */
  getClaim(kind: RecordKind, recordId: string): Promise<Claim | undefined>;
  /**
   * Claims the record's one account for a sign-up under way (no sub yet: Cognito makes it after the pre sign-up
   * check). Replaces a claim never confirmed; AlreadyExists when the account is confirmed.
   */
  claimRecord(kind: RecordKind, recordId: string, createdAt: string): Promise<void>;
  /**
   * Confirms the claim for `link.sub` and writes its identity link, together; false when exactly this was done
   * before (a retried trigger), AlreadyExists when the claim is gone or confirmed for another account.
   */
  confirmClaim(link: IdentityLink & { readonly subject: NonNullable<IdentityLink['subject']> }): Promise<boolean>;
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
  /** Brings a consent's end forward (it must exist and not be revoked), appending `audit`; VersionConflict otherwise. */
  endConsentEarlier(consent: StoredConsent, audit: AuditEntry): Promise<void>;
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

export function actorOf(principal: Principal): AuditEntry['actor'] {
  return {
    id: principal.sub,
    role: principal.role,
    ...(principal.agencyId ? { agencyId: principal.agencyId } : {}),
    ...(principal.serviceCentreId ? { serviceCentreId: principal.serviceCentreId } : {}),
  };
}

export function auditContext(context: RequestContext): Pick<AuditEntry, 'channel' | 'requestId'> {
  return {
    ...(context.channel ? { channel: context.channel } : {}),
    ...(context.requestId ? { requestId: context.requestId } : {}),
  };
}

export function requireSubject(principal: Principal): NonNullable<Principal['subject']> {
  if (principal.role !== 'citizen' || !principal.subject) {
    throw new Forbidden('Only citizens and residents manage consents to their own data', { reason: 'not_a_data_subject' });
  }
  return principal.subject;
}
