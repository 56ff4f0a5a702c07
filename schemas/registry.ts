// The national registry (persons, residents, businesses), consents and the audit trail.
// Every registry field carries a classification; responses are cut to what the caller may see.
import * as z from 'zod/mini';
import { staffRoles } from '../lib/platform/identity';
import { Cursor, freeText, LocalizedName, PageLimit, Slug } from './common';
import { AgencyId } from './services';
import { compactIdentifier, MobilePhone, NationalNumber, PermitNumber, RegistrationNumber, RecordId } from './identifiers';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

/** public: any officer; internal: the owning agency only; personal and sensitive: the subject, the owner, or by consent. */
export const classifications = ['public', 'internal', 'personal', 'sensitive'] as const;
export type Classification = (typeof classifications)[number];

// Jordanian national number (ten digits, the first 9 or 2), residence permit number (three letters, seven digits),
// national establishment number (nine digits): typed in any digits, converted at the edge (see identifiers.ts).
export { NationalNumber, PermitNumber, RegistrationNumber } from './identifiers';
export const IsoDate = schema(() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')));
/** A Jordanian mobile number (077, 078, 079) in any local or international form, stored as E.164. */
export const Phone = MobilePhone;
export const Email = schema(() => z.string().check(z.maxLength(254), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address')));
const Address = schema(() => z.strictObject({
  governorate: freeText(2, 60),
  city: freeText(2, 60),
  street: z.optional(freeText(0, 120)),
  building: z.optional(freeText(0, 20)),
}));
const Sex = schema(() => z.enum(['male', 'female']));
const CardNumber = schema(() => z.string().check(z.overwrite((value) => compactIdentifier(value).toUpperCase()), z.regex(/^[A-Z0-9]{6,12}$/, 'must be 6 to 12 capital letters or digits')));

export const recordKinds = ['persons', 'residents', 'businesses'] as const;
export type RecordKind = (typeof recordKinds)[number];

/** One part of a name: Arabic letters (a part may be two words, e.g. عبد الله), with an optional English spelling. */
const NamePart = schema(() => z.strictObject({
  ar: z.string().check(z.trim(), z.minLength(2), z.maxLength(40), z.regex(/^[\u0621-\u064A\u0671-\u06D3\u064B-\u0652 ]+$/, 'must be Arabic letters')),
  en: z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(40), z.regex(/^[A-Za-z][A-Za-z' -]*$/, 'must be Latin letters, spaces, hyphens or apostrophes'))),
}));
/** الاسم الرباعي: first, father, grandfather and family name, as the civil registry keeps it. */
export const FourPartName = schema(() => z
  .strictObject({ first: NamePart, father: NamePart, grandfather: NamePart, family: NamePart })
  .register(z.globalRegistry, { id: 'FourPartName', description: 'The four-part name (الاسم الرباعي); English spellings optional' }));
/** The name as shown: made from the four-part name when the record has one; English only when every part has it. */
const FullName = schema(() => z
  .strictObject({ ar: z.string().check(z.minLength(1), z.maxLength(200)), en: z.optional(z.string().check(z.minLength(1), z.maxLength(200))) })
  .register(z.globalRegistry, { id: 'FullName', description: 'The full name in Arabic, and in English when known' }));

const personShape = schema(() => ({
  nationalNumber: NationalNumber,
  name: z.optional(FourPartName),
  fullName: z.optional(FullName),
  dateOfBirth: IsoDate,
  sex: Sex,
  familyBookNumber: z.string().check(z.regex(/^\d{6,10}$/, 'must be 6 to 10 digits')),
  idCardNumber: CardNumber,
  maritalStatus: z.enum(['single', 'married', 'divorced', 'widowed']),
  address: Address,
  phone: Phone,
  email: Email,
}));
const residentShape = schema(() => ({
  permitNumber: PermitNumber,
  name: z.optional(FourPartName),
  fullName: z.optional(FullName),
  dateOfBirth: IsoDate,
  sex: Sex,
  nationality: z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 3166 alpha-3 country code')),
  passportNumber: CardNumber,
  permitValidUntil: IsoDate,
  address: Address,
  phone: Phone,
  email: Email,
}));
const businessShape = schema(() => ({
  registrationNumber: RegistrationNumber,
  name: LocalizedName,
  legalType: z.enum(['sole-proprietorship', 'general-partnership', 'limited-partnership', 'llc', 'private-shareholding', 'public-shareholding']),
  owners: z
    .array(z.strictObject({ nationalNumber: NationalNumber, sharePercent: z.number().check(z.gt(0), z.lte(100)) }))
    .check(z.minLength(1), z.maxLength(50)),
  representatives: z.array(NationalNumber).check(z.maxLength(20)),
  registeredOn: IsoDate,
  status: z.enum(['active', 'suspended', 'struck-off']),
  address: Address,
}));

export const PersonFields = schema(() => z.strictObject(personShape).register(z.globalRegistry, { id: 'PersonFields' }));
export const ResidentFields = schema(() => z.strictObject(residentShape).register(z.globalRegistry, { id: 'ResidentFields' }));
export const BusinessFields = schema(() => z.strictObject(businessShape).register(z.globalRegistry, { id: 'BusinessFields' }));
export const PersonFieldsSubset = schema(() => z.partial(PersonFields).register(z.globalRegistry, { id: 'PersonFieldsSubset' }));
export const ResidentFieldsSubset = schema(() => z.partial(ResidentFields).register(z.globalRegistry, { id: 'ResidentFieldsSubset' }));
export const BusinessFieldsSubset = schema(() => z.partial(BusinessFields).register(z.globalRegistry, { id: 'BusinessFieldsSubset' }));

/**
 * The fields of a record of the path's kind. At run time an open map that the domain checks against its
 * kind's schema (recordSchemas[kind]), so errors name the kind; OpenAPI describes it as one of the kinds'.
 */
function fieldsOfKind(which: 'all' | 'some', description: string) {
  const ids = which === 'all' ? ['PersonFields', 'ResidentFields', 'BusinessFields'] : ['PersonFieldsSubset', 'ResidentFieldsSubset', 'BusinessFieldsSubset'];
  return z.record(z.string(), z.unknown()).register(z.globalRegistry, {
    description,
    anyOf: ids.map((id) => ({ $ref: `#/components/schemas/${id}` })),
  });
}

type FieldOf<S> = keyof S & string;

/** One kind of registry record: its fields and their classification, its key field, its owning agency. */
export interface RecordKindSpec<K extends string = string> {
  readonly kind: RecordKind;
  readonly keyField: K;
  /** How a service card names this kind's fields: `<fieldPrefix>.<field>` (person.fullName, business.name). */
  readonly fieldPrefix: 'person' | 'resident' | 'business';
  readonly ownerAgencyId: string;
  readonly fields: Readonly<Record<K, Classification>>;
}

export const recordSpecs: { readonly [R in RecordKind]: RecordKindSpec } = {
  persons: {
    kind: 'persons',
    keyField: 'nationalNumber',
    fieldPrefix: 'person',
    ownerAgencyId: 'cspd',
    fields: {
      nationalNumber: 'personal',
      name: 'personal',
      fullName: 'personal',
      dateOfBirth: 'personal',
      sex: 'personal',
      familyBookNumber: 'sensitive',
      idCardNumber: 'sensitive',
      maritalStatus: 'personal',
      address: 'personal',
      phone: 'personal',
      email: 'personal',
    } satisfies Record<FieldOf<typeof personShape>, Classification>,
  },
  residents: {
    kind: 'residents',
    keyField: 'permitNumber',
    fieldPrefix: 'resident',
    ownerAgencyId: 'moi',
    fields: {
      permitNumber: 'personal',
      name: 'personal',
      fullName: 'personal',
      dateOfBirth: 'personal',
      sex: 'personal',
      nationality: 'personal',
      passportNumber: 'sensitive',
      permitValidUntil: 'personal',
      address: 'personal',
      phone: 'personal',
      email: 'personal',
    } satisfies Record<FieldOf<typeof residentShape>, Classification>,
  },
  businesses: {
    kind: 'businesses',
    keyField: 'registrationNumber',
    fieldPrefix: 'business',
    ownerAgencyId: 'ccd',
    fields: {
      registrationNumber: 'public',
      name: 'public',
      legalType: 'public',
      registeredOn: 'public',
      status: 'public',
      address: 'public',
      owners: 'personal',
      representatives: 'internal',
    } satisfies Record<FieldOf<typeof businessShape>, Classification>,
  },
};

/** Each kind's fields as a record holds them (apart from recordSpecs, so a bundle that reads only the classifications leaves the schemas out). */
export const recordSchemas: { readonly [R in RecordKind]: z.ZodMiniObject } = { persons: PersonFields, residents: ResidentFields, businesses: BusinessFields };

export const RecordKindParam = schema(() => z.enum(recordKinds));
export { RecordId } from './identifiers';

export const RegistryRecordParams = schema(() => z.strictObject({ kind: RecordKindParam, recordId: RecordId }));
export const RegistryKindParams = schema(() => z.strictObject({ kind: RecordKindParam }));

export const Purpose = schema(() => freeText(3, 200));
const FieldName = schema(() => z.string().check(z.regex(/^[a-zA-Z]{2,40}$/, 'must be a field name')));
const FieldList = schema(() => z.pipe(
  z.string().check(z.maxLength(400)),
  z.transform((value) => value.split(',').map((field) => field.trim())),
));

export const ReadRecordQuery = schema(() => z.strictObject({
  fields: z.optional(z.pipe(FieldList, z.array(FieldName).check(z.minLength(1), z.maxLength(20)))),
  purpose: Purpose,
}));

export const RecordMeta = schema(() => ({
  version: z.int(),
  updatedAt: z.string(),
  ownerAgencyId: z.string(),
}));
/** A registry record as returned: only the fields the caller may see, plus which were withheld. */
export const RegistryRecord = schema(() => z
  .strictObject({
    kind: RecordKindParam,
    recordId: z.string(),
    version: z.int(),
    updatedAt: z.string(),
    ownerAgencyId: z.string(),
    fields: fieldsOfKind('some', 'The fields of the record the caller may see (persons, residents or businesses)'),
    consentId: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'RegistryRecord', description: 'Registry record cut to the fields the caller may see' }));

export const CreateRecordBody = schema(() => z
  .strictObject({ fields: fieldsOfKind('all', 'Every field of the path kind: PersonFields, ResidentFields or BusinessFields') })
  .register(z.globalRegistry, { id: 'CreateRecordBody', description: 'All fields of the record kind (see PersonFields, ResidentFields, BusinessFields)' }));
export const UpdateRecordBody = schema(() => z
  .strictObject({ expectedVersion: z.int().check(z.minimum(1)), fields: fieldsOfKind('some', 'The changed fields of the path kind') })
  .register(z.globalRegistry, { id: 'UpdateRecordBody', description: 'Changed fields only; the key field cannot change' }));

// --- Identity ---

export const SignUpBody = schema(() => z
  .strictObject({
    nationalNumber: z.optional(NationalNumber),
    permitNumber: z.optional(PermitNumber),
    /** The ID card number (citizens) or passport number (residents) on the registry record: proof of identity. */
    documentNumber: CardNumber,
    dateOfBirth: IsoDate,
    phone: Phone,
    email: Email,
    password: z.string().check(z.minLength(12), z.maxLength(128)),
    preferredLanguage: z.optional(z.enum(['ar', 'en'])),
    businessRegistrationNumber: z.optional(RegistrationNumber),
  })
  .register(z.globalRegistry, { id: 'SignUpBody' }));
export const SignUpResult = schema(() => z
  .strictObject({
    username: z.string(),
    confirmed: z.boolean(),
    codeDelivery: z.optional(z.strictObject({ medium: z.string(), destination: z.string() })),
  })
  .register(z.globalRegistry, { id: 'SignUpResult' }));
export const ConfirmSignUpBody = schema(() => z
  .strictObject({ username: z.string().check(z.minLength(1), z.maxLength(128)), code: z.string().check(z.regex(/^\d{6}$/, 'must be 6 digits')) })
  .register(z.globalRegistry, { id: 'ConfirmSignUpBody' }));
export const ConfirmSignUpResult = schema(() => z
  .strictObject({ username: z.string(), confirmed: z.literal(true) })
  .register(z.globalRegistry, { id: 'ConfirmSignUpResult' }));

export const ServiceCentreId = Slug;
export const CreateStaffBody = schema(() => z
  .strictObject({
    username: z.string().check(z.regex(/^[a-z][a-z0-9.-]{2,63}$/, 'must be 3-64 lowercase letters, digits, dots or hyphens')),
    email: Email,
    phone: z.optional(Phone),
    fullName: LocalizedName,
    role: z.enum(staffRoles),
    agencyId: z.optional(AgencyId),
    serviceCentreId: z.optional(ServiceCentreId),
  })
  .register(z.globalRegistry, { id: 'CreateStaffBody' }));
export const StaffAccount = schema(() => z
  .strictObject({
    username: z.string(),
    role: z.enum(staffRoles),
    agencyId: z.optional(z.string()),
    serviceCentreId: z.optional(z.string()),
    status: z.string(),
  })
  .register(z.globalRegistry, { id: 'StaffAccount' }));

export const Me = schema(() => z
  .strictObject({
    kind: z.enum(['persons', 'residents']),
    recordId: z.string(),
    profile: z.record(z.string(), z.unknown()),
    businesses: z.array(z.strictObject({ registrationNumber: z.string(), name: LocalizedName, role: z.enum(['owner', 'representative']) })),
  })
  .register(z.globalRegistry, { id: 'Me', description: "The caller's own registry profile" }));

// --- Consent ---

export const CreateConsentBody = schema(() => z
  .strictObject({
    agencyId: z.optional(AgencyId),
    serviceCentreId: z.optional(ServiceCentreId),
    fields: z.array(FieldName).check(z.minLength(1), z.maxLength(20)),
    purpose: Purpose,
    expiresAt: IsoDate,
  })
  .register(z.globalRegistry, { id: 'CreateConsentBody', description: 'Exactly one of agencyId or serviceCentreId' }));
export const Consent = schema(() => z
  .strictObject({
    consentId: z.string(),
    kind: z.enum(recordKinds),
    recordId: z.string(),
    grantee: z.strictObject({ type: z.enum(['agency', 'service-centre']), id: z.string() }),
    fields: z.array(z.string()),
    purpose: z.string(),
    expiresAt: z.string(),
    createdAt: z.string(),
    revokedAt: z.optional(z.string()),
    status: z.enum(['active', 'expired', 'revoked']),
  })
  .register(z.globalRegistry, { id: 'Consent' }));
export type Consent = z.infer<typeof Consent>;
export const ConsentList = schema(() => z.strictObject({ items: z.array(Consent) }).register(z.globalRegistry, { id: 'ConsentList' }));
export const ConsentIdParams = schema(() => z.strictObject({ consentId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a consent id')) }));

// --- Audit ---

export const auditActions = ['registry.read', 'registry.create', 'registry.update', 'consent.grant', 'consent.revoke', 'consent.end', 'identity.link', 'identity.unlink', 'registry.read-denied', 'calendar.update', 'document.revoke', 'queue.redrive', 'rollout.update', 'synonyms.update', 'consultation.moderate', 'document.download'] as const;
export const AuditRecord = schema(() => z
  .strictObject({
    subject: z.string(),
    seq: z.int(),
    action: z.enum(auditActions),
    at: z.string(),
    actor: z.strictObject({
      id: z.string(),
      role: z.string(),
      agencyId: z.optional(z.string()),
      serviceCentreId: z.optional(z.string()),
    }),
    fields: z.array(z.string()),
    purpose: z.optional(z.string()),
    consentId: z.optional(z.string()),
    channel: z.optional(z.string()),
    requestId: z.optional(z.string()),
    prevHash: z.string(),
    hash: z.string(),
  })
  .register(z.globalRegistry, { id: 'AuditRecord', description: 'One link of a hash-chained, append-only audit trail' }));
export type AuditRecord = z.infer<typeof AuditRecord>;
export const AuditPage = schema(() => z
  .strictObject({ items: z.array(AuditRecord), nextCursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'AuditPage' }));
export const Subject = schema(() => z.string().check(z.regex(/^(persons|residents|businesses):[A-Z0-9]{9,10}$/, 'must be <kind>:<recordId>, e.g. persons:9861012345')));
export const AuditQuery = schema(() => z.strictObject({ subject: Subject, cursor: z.optional(Cursor), limit: z.optional(PageLimit) }));
export const AccessLogQuery = schema(() => z.strictObject({ cursor: z.optional(Cursor), limit: z.optional(PageLimit) }));
export const AccessLogEntry = schema(() => z.strictObject({
  at: z.string(),
  action: z.enum(auditActions),
  by: z.strictObject({ role: z.string(), agencyId: z.optional(z.string()), serviceCentreId: z.optional(z.string()) }),
  fields: z.array(z.string()),
  purpose: z.optional(z.string()),
  consentId: z.optional(z.string()),
  channel: z.optional(z.string()),
}));
export const AccessLogPage = schema(() => z
  .strictObject({ items: z.array(AccessLogEntry), nextCursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'AccessLogPage' }));
export const ChainVerification = schema(() => z
  .strictObject({
    subject: z.string(),
    records: z.int(),
    valid: z.boolean(),
    headHash: z.optional(z.string()),
    firstBrokenSeq: z.optional(z.int()),
    problem: z.optional(z.string()),
    problemCode: z.optional(z.enum(['missing_record', 'broken_link', 'altered', 'truncated', 'checkpoint_mismatch', 'checkpoint_invalid'])),
    /** The last record in the table. */
    chainHead: z.optional(z.strictObject({ seq: z.int(), hash: z.string(), at: z.optional(z.string()) })),
    /** The subject's latest signed checkpoint, kept outside the table (write-once). */
    checkpoint: z.optional(z.strictObject({ seq: z.int(), hash: z.string(), at: z.string(), checkpointedAt: z.string(), keyId: z.string() })),
  })
  .register(z.globalRegistry, {
    id: 'ChainVerification',
    description: "A subject's chain recomputed and held against its latest checkpoint: `truncated` when records after the chain's head were checkpointed but are gone",
  }));
export const VerifyQuery = schema(() => z.strictObject({ subject: Subject }));

// --- MFA ---

export const TotpEnrolment = schema(() => z
  .strictObject({ secretCode: z.string(), otpauthUri: z.string() })
  .register(z.globalRegistry, { id: 'TotpEnrolment', description: 'Secret for an authenticator app (RFC 6238, SHA-1, 6 digits, 30 s)' }));
export const VerifyTotpBody = schema(() => z
  .strictObject({ code: z.string().check(z.regex(/^\d{6}$/, 'must be 6 digits')) })
  .register(z.globalRegistry, { id: 'VerifyTotpBody' }));
export const TotpEnabled = schema(() => z
  .strictObject({ mfaEnabled: z.literal(true), method: z.literal('SOFTWARE_TOKEN_MFA') })
  .register(z.globalRegistry, { id: 'TotpEnabled' }));
