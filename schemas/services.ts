// The unified government services registry: agencies and versioned service cards.
import * as z from 'zod/mini';
import { Cursor, localizedText, LocalizedName, PageLimit, Slug } from './common';
import { MAX_UPLOAD_BYTES, uploadContentTypes } from './upload-limits';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

export const lifecycleStages = [
  're-engineering',
  'feasibility-study',
  'digitization',
  'quality-check',
  'launched',
  'post-launch-evaluation',
] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

export const beneficiaryTypes = ['citizen', 'resident', 'business', 'government'] as const;
export const channels = ['portal', 'mobile', 'kiosk', 'service-centre', 'call-centre'] as const;
export type Channel = (typeof channels)[number];

export const serviceCategories = [
  'civil-status',
  'identity-and-travel',
  'vehicles-and-transport',
  'land-and-property',
  'tax-and-customs',
  'social-protection',
  'labour-and-employment',
  'health',
  'municipal',
  'justice',
  'business-and-trade',
  'education',
  'security-and-permits',
] as const;

export const registryFields = [
  'person.nationalNumber',
  'person.fullName',
  'person.dateOfBirth',
  'person.sex',
  'person.familyBookNumber',
  'person.address',
  'person.phone',
  'person.email',
  'person.maritalStatus',
  'resident.permitNumber',
  'resident.nationality',
  'resident.permitValidUntil',
  'business.registrationNumber',
  'business.name',
  'business.legalType',
  'business.owners',
] as const;

export const AgencyId = Slug;
export const ServiceId = Slug;

const Rating = schema(() => z.int().check(z.minimum(1), z.maximum(5)));
const NonNegative = schema(() => z.number().check(z.minimum(0), z.maximum(1e9)));

export const Agency = schema(() => z
  .strictObject({
    agencyId: AgencyId,
    name: LocalizedName,
    acronym: z.optional(z.string().check(z.maxLength(16))),
  })
  .register(z.globalRegistry, { id: 'Agency', description: 'A government agency' }));
export type Agency = z.infer<typeof Agency>;

export const FormField = schema(() => z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-zA-Z][a-zA-Z0-9_]*$/)),
  label: localizedText(200),
  type: z.enum(['text', 'number', 'date', 'select', 'boolean', 'file']),
  required: z.boolean(),
  /** A `file` field: the card's required document its upload must be for. */
  documentId: z.optional(Slug),
  maxLength: z.optional(z.int().check(z.minimum(1), z.maximum(10000))),
  options: z.optional(
    z
      .array(z.strictObject({ value: z.string().check(z.minLength(1), z.maxLength(64)), label: localizedText(200) }))
      .check(z.minLength(1), z.maxLength(200)),
  ),
}));

export const WorkflowStep = schema(() => z.strictObject({
  stepId: Slug,
  agencyId: AgencyId,
  name: localizedText(200),
  role: z.enum(['verify', 'review', 'approve', 'inspect', 'issue']),
  slaHours: z.int().check(z.minimum(1), z.maximum(24 * 90)),
}));

/** Stages run in order; the steps of one stage run in parallel. */
export const WorkflowStage = schema(() => z.strictObject({
  steps: z.array(WorkflowStep).check(z.minLength(1), z.maxLength(10)),
}));

export const PriorityFactors = schema(() => z.strictObject({
  annualTransactions: z.int().check(z.minimum(0), z.maximum(100_000_000)),
  transactionValue: Rating,
  valueToCitizens: Rating,
  complexity: Rating,
  culturalValue: Rating,
  economicValue: Rating,
}));
export type PriorityFactors = z.infer<typeof PriorityFactors>;

export const TraditionalBaseline = schema(() => z.strictObject({
  visits: NonNegative,
  citizenMinutes: NonNegative,
  governmentCostJod: NonNegative,
  citizenCostJod: NonNegative,
  paperPages: NonNegative,
}));

export const ServiceCardInput = schema(() => z
  .strictObject({
    name: LocalizedName,
    description: localizedText(4000),
    ownerAgencyId: AgencyId,
    partnerAgencyIds: z.array(AgencyId).check(z.maxLength(20)),
    beneficiaryTypes: z.array(z.enum(beneficiaryTypes)).check(z.minLength(1), z.maxLength(4)),
    category: z.enum(serviceCategories),
    fees: z.strictObject({
      amountJod: z.number().check(z.minimum(0), z.maximum(1_000_000)),
      ePaymentDiscountPercent: z.number().check(z.minimum(0), z.maximum(100)),
      /**
       * Paid through bill presentment: `at-submission`, before any agency starts work (the first stage waits);
       * `before-issue`, before the issuing (last) stage opens. Without it the fee is not collected online yet.
       */
      paymentDue: z.optional(z.enum(['at-submission', 'before-issue'])),
    }),
    requiredDocuments: z
      .array(
        z.strictObject({
          documentId: Slug,
          name: localizedText(200),
          mandatory: z.boolean(),
          /** The file types accepted for it (default: PDF, JPEG, PNG) and its largest size (default and most: 10 MB). */
          contentTypes: z.optional(z.array(z.enum(uploadContentTypes)).check(z.minLength(1), z.maxLength(uploadContentTypes.length))),
          maxBytes: z.optional(z.int().check(z.minimum(1), z.maximum(MAX_UPLOAD_BYTES))),
        }),
      )
      .check(z.maxLength(30)),
    requiredRegistryFields: z.array(z.enum(registryFields)).check(z.maxLength(registryFields.length)),
    form: z.strictObject({ fields: z.array(FormField).check(z.maxLength(100)) }),
    workflow: z.array(WorkflowStage).check(z.minLength(1), z.maxLength(10)),
    channels: z.array(z.enum(channels)).check(z.minLength(1), z.maxLength(channels.length)),
    rolloutPhase: z.int().check(z.minimum(1), z.maximum(6)),
    priority: PriorityFactors,
    baseline: TraditionalBaseline,
    /** The document the owning agency issues on approval: its type, validity and the form fields it carries. */
    issuedDocument: z.optional(
      z.strictObject({
        type: z.enum(['certificate', 'licence', 'permit', 'extract']),
        validityDays: z.optional(z.int().check(z.minimum(1), z.maximum(36500))),
        fields: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(20))),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'ServiceCardInput', description: 'The editable fields of a service card' }));
export type ServiceCardInput = z.infer<typeof ServiceCardInput>;

export const ServiceCard = schema(() => z
  .extend(ServiceCardInput, {
    serviceId: ServiceId,
    version: z.int(),
    lifecycleStage: z.enum(lifecycleStages),
    priorityScore: z.number(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    /** What the citizen is promised, in government working days (Sunday-Thursday, holidays excluded); derived from the workflow's SLAs. */
    processingTime: z.optional(z.strictObject({ workingDays: z.int(), text: LocalizedName })),
  })
  .register(z.globalRegistry, { id: 'ServiceCard', description: 'One version of a service card' }));
export type ServiceCard = z.infer<typeof ServiceCard>;

export const ServiceSummary = schema(() => z
  .strictObject({
    serviceId: ServiceId,
    version: z.int(),
    name: LocalizedName,
    ownerAgencyId: AgencyId,
    partnerAgencyIds: z.array(AgencyId),
    category: z.enum(serviceCategories),
    beneficiaryTypes: z.array(z.enum(beneficiaryTypes)),
    channels: z.array(z.enum(channels)),
    lifecycleStage: z.enum(lifecycleStages),
    rolloutPhase: z.int(),
    priorityScore: z.number(),
    feesJod: z.number(),
  })
  .register(z.globalRegistry, { id: 'ServiceSummary', description: 'A service as listed in the registry' }));
export type ServiceSummary = z.infer<typeof ServiceSummary>;

export const ServiceIdParams = schema(() => z.strictObject({ serviceId: ServiceId }));

export const ListServicesQuery = schema(() => z.strictObject({
  /** Services this agency takes part in: as owner or as partner, unless agencyRole narrows it. */
  agency: z.optional(AgencyId),
  agencyRole: z.optional(z.enum(['owner', 'partner'])),
  category: z.optional(z.enum(serviceCategories)),
  phase: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(6))),
  stage: z.optional(z.enum(lifecycleStages)),
  beneficiary: z.optional(z.enum(beneficiaryTypes)),
  channel: z.optional(z.enum(channels)),
  q: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  cursor: z.optional(Cursor),
  limit: z.optional(PageLimit),
}));
export type ListServicesQuery = z.infer<typeof ListServicesQuery>;

export const ServicePage = schema(() => z
  .strictObject({ items: z.array(ServiceSummary), nextCursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'ServicePage' }));

export const ServiceVersionSummary = schema(() => z
  .strictObject({
    version: z.int(),
    lifecycleStage: z.enum(lifecycleStages),
    feesJod: z.number(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .register(z.globalRegistry, { id: 'ServiceVersionSummary', description: 'One version of a service card, as listed; GET /v1/services/{serviceId}?version=N reads it whole' }));
export type ServiceVersionSummary = z.infer<typeof ServiceVersionSummary>;

export const ServiceVersionPage = schema(() => z
  .strictObject({ items: z.array(ServiceVersionSummary), nextCursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'ServiceVersionPage' }));

export const ListServiceVersionsQuery = schema(() => z.strictObject({
  cursor: z.optional(Cursor),
  limit: z.optional(PageLimit),
}));

export const GetServiceQuery = schema(() => z.strictObject({
  version: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000))),
}));

export const PutServiceBody = schema(() => z
  .strictObject({
    /** The version this edit is based on; 0 creates a new service. */
    expectedVersion: z.int().check(z.minimum(0)),
    card: ServiceCardInput,
  })
  .register(z.globalRegistry, { id: 'PutServiceBody' }));
export type PutServiceBody = z.infer<typeof PutServiceBody>;

export const ChangeStageBody = schema(() => z
  .strictObject({
    stage: z.enum(lifecycleStages),
    expectedVersion: z.optional(z.int().check(z.minimum(1))),
  })
  .register(z.globalRegistry, { id: 'ChangeStageBody' }));

export const AgencyList = schema(() => z.strictObject({ items: z.array(Agency) }).register(z.globalRegistry, { id: 'AgencyList' }));
