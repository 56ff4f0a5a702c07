// Issued documents: the citizen's wallet, public verification, the issuer's public keys, revocation.
import * as z from 'zod/mini';
import { LocalizedName } from './common';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

export const documentTypes = ['certificate', 'licence', 'permit', 'extract'] as const;
export type DocumentType = (typeof documentTypes)[number];
export const documentStatuses = ['valid', 'revoked', 'expired'] as const;

export const DocumentId = schema(() => z.string().check(z.regex(/^DOC-[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a document id')));
export const DocumentIdParams = schema(() => z.strictObject({ documentId: DocumentId }));

/** A document in its holder's wallet, with the signed credential (a JWS, compact serialization, ES256). */
export const IssuedDocument = schema(() => z
  .strictObject({
    documentId: z.string(),
    type: z.enum(documentTypes),
    serviceId: z.string(),
    serviceName: LocalizedName,
    applicationId: z.string(),
    /** The application's short reference (DVLD-26-4K7M9Q-X), as printed on the document and read out by its holder. */
    applicationReference: z.optional(z.string()),
    issuingAgencyId: z.string(),
    holder: z.strictObject({ kind: z.string(), recordId: z.string(), name: LocalizedName }),
    fields: z.record(z.string(), z.unknown()),
    issuedAt: z.string(),
    validFrom: z.string(),
    validUntil: z.optional(z.string()),
    status: z.enum(documentStatuses),
    revokedAt: z.optional(z.string()),
    revocationReason: z.optional(z.string()),
    /** W3C Verifiable Credential as a JWT (JWS compact, ES256); its `kid` is published at /.well-known/jwks.json. */
    credential: z.string(),
  })
  .register(z.globalRegistry, { id: 'IssuedDocument', description: 'A document issued to its holder, with its signed credential' }));
export type IssuedDocument = z.infer<typeof IssuedDocument>;

export const DocumentPage = schema(() => z.strictObject({ items: z.array(IssuedDocument) }).register(z.globalRegistry, { id: 'DocumentPage' }));

/** What anyone may learn of a document by its number: the minimum. */
export const DocumentVerification = schema(() => z
  .strictObject({
    documentId: z.string(),
    type: z.enum(documentTypes),
    serviceName: LocalizedName,
    issuingAgencyId: z.string(),
    holderName: LocalizedName,
    issuedAt: z.string(),
    validUntil: z.optional(z.string()),
    status: z.enum(documentStatuses),
    revokedAt: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'DocumentVerification', description: "A document's public status; the holder's name masked" }));

export const Jwk = schema(() => z.strictObject({ kty: z.string(), crv: z.string(), x: z.string(), y: z.string(), kid: z.string(), alg: z.string(), use: z.string() }));
export const Jwks = schema(() => z.strictObject({ keys: z.array(Jwk) }).register(z.globalRegistry, { id: 'Jwks', description: "The document issuer's public keys (RFC 7517)" }));
export type Jwk = z.infer<typeof Jwk>;

export const RevokeDocumentBody = schema(() => z
  .strictObject({ reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(500)) })
  .register(z.globalRegistry, { id: 'RevokeDocumentBody' }));
