// Issued documents: created and signed once when an application is approved, kept in the holder's wallet,
// verifiable by anyone (the minimum disclosed), revocable by the issuing agency with a reason.
import { ulid } from 'ulid';
import type { DomainEvent } from '../../../schemas/applications';
import type { DocumentType, IssuedDocument } from '../../../schemas/documents';
import type { ServiceCard } from '../../../schemas/services';
import type { StoredApplication } from '../../applications/domain/applications';
import type { Principal } from '../../shared/identity';
import type { AuditEntry } from '../../registry/domain/audit-chain';
import { Conflict, NotFound } from '../../shared/errors';
import { type DocumentSigner, signJws } from './signer';
import { byCodeUnit } from '../../shared/order';

type Localized = { readonly ar: string; readonly en: string };
type Holder = StoredApplication['applicant'];

export type StoredDocument = Omit<IssuedDocument, 'status'> & { readonly version: number };

export class DocumentConflict extends Error {}

export interface DocumentStore {
  get(documentId: string): Promise<StoredDocument | undefined>;
  /** Stores the document unless one with its id exists; returns the stored one either way. */
  putIfAbsent(document: StoredDocument): Promise<StoredDocument>;
  /** Replaces it if still at `expectedVersion`; DocumentConflict otherwise. */
  save(document: StoredDocument, expectedVersion: number): Promise<void>;
  /** Every document of a holder, newest first. */
  listByHolder(holder: Holder): Promise<StoredDocument[]>;
}

export interface DocumentDeps {
  readonly documents: DocumentStore;
  readonly signer: DocumentSigner;
  readonly applications: {
    get(applicationId: string): Promise<StoredApplication | undefined>;
    /** Puts an event on the application's timeline and outbox (notifications hear of it). */
    record(applicationId: string, event: DomainEvent): Promise<void>;
  };
  readonly cards: { getVersion(serviceId: string, version: number): Promise<ServiceCard | undefined> };
  readonly holderName: (holder: Holder) => Promise<Localized | undefined>;
  /** The businesses the registry lists a person as an owner or representative of (registration numbers). */
  readonly businessesOf: (nationalNumber: string) => Promise<readonly string[]>;
  readonly audit: { append(entry: AuditEntry): Promise<unknown> };
  readonly now: () => Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function statusOf(document: Pick<StoredDocument, 'revokedAt' | 'validUntil'>, now: Date): IssuedDocument['status'] {
  if (document.revokedAt) {
    return 'revoked';
  }
  return document.validUntil && document.validUntil <= now.toISOString() ? 'expired' : 'valid';
}

const view = ({ version: _version, ...document }: StoredDocument, now: Date): IssuedDocument => ({ ...document, status: statusOf(document, now) });

/** The card's document type, or one read off its issuing step when the card does not say. */
function documentTypeOf(card: ServiceCard | undefined): DocumentType {
  if (card?.issuedDocument) {
    return card.issuedDocument.type;
  }
  const name = card?.name.en.toLowerCase() ?? '';
  return name.includes('licen') ? 'licence' : name.includes('permit') ? 'permit' : name.includes('extract') ? 'extract' : 'certificate';
}

/**
 * On approval: the issuing agency's document, signed as a W3C Verifiable Credential (JWT, ES256).
 * 1. Only an approved application with a document number gets one. 2. Once: a redelivered event finds it.
 * 3. Type, fields and validity come from the card version the citizen applied under.
 */
export async function issueDocument(deps: DocumentDeps, applicationId: string): Promise<IssuedDocument | undefined> {
  const application = await deps.applications.get(applicationId);
  const documentId = application?.outcome?.documentId;
  if (!application || application.status !== 'approved' || !documentId) {
    return undefined;
  }
  const existing = await deps.documents.get(documentId);
  if (existing) {
    return view(existing, deps.now());
  }
  const card = await deps.cards.getVersion(application.serviceId, application.serviceVersion);
  const issuingAgencyId = card?.ownerAgencyId ?? application.stages.at(-1)!.steps.at(-1)!.agencyId;
  const now = deps.now();
  const issuedAt = now.toISOString();
  const validityDays = card?.issuedDocument?.validityDays;
  const validUntil = validityDays ? new Date(now.getTime() + validityDays * DAY_MS).toISOString() : undefined;
  const fields = Object.fromEntries((card?.issuedDocument?.fields ?? []).filter((id) => application.answers[id] !== undefined).map((id) => [id, application.answers[id]]));
  const holder = { ...application.applicant, name: (await deps.holderName(application.applicant)) ?? { ar: application.applicant.recordId, en: application.applicant.recordId } };
  const type = documentTypeOf(card);
  const credential = await signJws(deps.signer, {
    iss: `urn:khidma:agency:${issuingAgencyId}`,
    sub: `urn:khidma:${holder.kind}:${holder.recordId}`,
    jti: `urn:khidma:document:${documentId}`,
    iat: Math.floor(now.getTime() / 1000),
    nbf: Math.floor(now.getTime() / 1000),
    ...(validUntil ? { exp: Math.floor(Date.parse(validUntil) / 1000) } : {}),
    vc: {
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential', `Khidma${type[0]!.toUpperCase()}${type.slice(1)}`],
      issuer: { id: `urn:khidma:agency:${issuingAgencyId}` },
      issuanceDate: issuedAt,
      ...(validUntil ? { expirationDate: validUntil } : {}),
      credentialSubject: { id: `urn:khidma:${holder.kind}:${holder.recordId}`, name: holder.name, service: application.serviceName, ...fields },
      credentialStatus: { id: `/v1/verify/${documentId}`, type: 'KhidmaDocumentStatus' },
    },
  });
  const stored = await deps.documents.putIfAbsent({
    documentId,
    type,
    serviceId: application.serviceId,
    serviceName: application.serviceName,
    applicationId,
    ...(application.reference ? { applicationReference: application.reference } : {}),
    issuingAgencyId,
    holder,
    fields,
    issuedAt,
    validFrom: issuedAt,
    ...(validUntil ? { validUntil } : {}),
    credential,
    version: 1,
  });
  return view(stored, now);
}

/** GET /v1/me/documents: the caller's wallet, with the documents of the businesses the registry lists them for now. */
export async function listMyDocuments(deps: Pick<DocumentDeps, 'documents' | 'businessesOf' | 'now'>, principal: Principal): Promise<{ items: IssuedDocument[] }> {
  const subject = principal.subject;
  if (!subject) {
    return { items: [] };
  }
  const now = deps.now();
  const businesses = subject.kind === 'persons' ? await deps.businessesOf(subject.recordId) : [];
  const holders: Holder[] = [subject, ...businesses.map((recordId) => ({ kind: 'businesses' as const, recordId }))];
  const lists = await Promise.all(holders.map((holder) => deps.documents.listByHolder(holder)));
  return { items: lists.flat().sort((a, b) => byCodeUnit(b.issuedAt, a.issuedAt)).map((document) => view(document, now)) };
}

/** Each word's first letter, the rest starred: enough to recognise, not to learn a name. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const letters = Array.from(word);
      return letters[0] + '*'.repeat(Math.max(letters.length - 1, 2));
    })
    .join(' ');
}

/** GET /v1/verify/{documentId} (public): the minimum anyone needs to trust a document they are shown. */
export async function verifyDocument(deps: Pick<DocumentDeps, 'documents' | 'now'>, documentId: string) {
  const document = await deps.documents.get(documentId);
  if (!document) {
    throw new NotFound('document_not_found', `No document ${documentId} was issued`);
  }
  return {
    documentId,
    type: document.type,
    serviceName: document.serviceName,
    issuingAgencyId: document.issuingAgencyId,
    holderName: { ar: maskName(document.holder.name.ar), en: maskName(document.holder.name.en) },
    issuedAt: document.issuedAt,
    ...(document.validUntil ? { validUntil: document.validUntil } : {}),
    status: statusOf(document, deps.now()),
    ...(document.revokedAt ? { revokedAt: document.revokedAt } : {}),
  };
}

/**
 * POST /v1/documents/{documentId}/revoke: officers of the issuing agency only, with a reason.
 * 1. Revoke (once: of two revocations one wins). 2. Audit it on the holder's trail. 3. Tell the holder.
 */
export async function revokeDocument(deps: DocumentDeps, officer: Principal, documentId: string, reason: string, requestId?: string): Promise<IssuedDocument> {
  const document = await deps.documents.get(documentId);
  if (!document || officer.role !== 'officer' || officer.agencyId !== document.issuingAgencyId) {
    throw new NotFound('document_not_found', `No document ${documentId} issued by your agency`);
  }
  if (document.revokedAt) {
    throw new Conflict('document_already_revoked', `The document was revoked on ${document.revokedAt}`, { revokedAt: document.revokedAt });
  }
  const at = deps.now().toISOString();
  const revoked: StoredDocument = { ...document, revokedAt: at, revocationReason: reason, version: document.version + 1 };
  try {
    await deps.documents.save(revoked, document.version);
  } catch (error) {
    if (error instanceof DocumentConflict) {
      throw new Conflict('document_already_revoked', 'The document was revoked meanwhile');
    }
    throw error;
  }
  await deps.audit.append({
    subject: `${document.holder.kind}:${document.holder.recordId}`,
    action: 'document.revoke',
    at,
    actor: { id: officer.sub, role: officer.role, agencyId: officer.agencyId },
    fields: [],
    purpose: `${documentId}: ${reason}`,
    ...(requestId ? { requestId } : {}),
  });
  await deps.applications.record(document.applicationId, {
    type: 'DocumentRevoked',
    eventId: ulid(),
    applicationId: document.applicationId,
    at,
    by: { role: 'officer', agencyId: document.issuingAgencyId },
    documentId,
    reason,
  });
  return view(revoked, deps.now());
}
