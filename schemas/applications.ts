// Citizen applications: requests, the application record, its timeline, and the domain events it emits.
import * as z from 'zod/mini';
import { Cursor, freeText, LocalizedName, PageLimit } from './common';
import { NationalNumber, RegistrationNumber } from './registry';
import { channels, ServiceId } from './services';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

export const applicationStatuses = ['draft', 'submitted', 'in-progress', 'info-requested', 'awaiting-payment', 'approved', 'rejected', 'cancelled'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const terminalStatuses: readonly ApplicationStatus[] = ['approved', 'rejected', 'cancelled'];

export const stepStatuses = ['pending', 'open', 'info-requested', 'approved', 'rejected', 'cancelled'] as const;

export const ApplicationId = schema(() => z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an application id')));
export const ApplicationIdParams = schema(() => z.strictObject({ applicationId: ApplicationId }));
/**
 * GET /v1/applications/{applicationId}: the id, or the short reference on a receipt, a message or a phone call
 * (DVLD-26-4K7M9Q-X in any case, with any digits, spaces or dashes; its check character is checked by the domain).
 */
export const ApplicationIdOrReferenceParams = schema(() => z.strictObject({
  applicationId: z
    .string()
    .check(
      z.maxLength(40),
      z.regex(/^(?:[0-9A-HJKMNP-TV-Z]{26}|\s*[A-Za-z]{2,8}(?:[\s-]*[0-9A-Za-z\u0660-\u0669\u06F0-\u06F9]){9}\s*)$/, 'must be an application id or its reference'),
    )
    .register(z.globalRegistry, { description: 'The application id (26 characters) or its short reference, e.g. DVLD-26-4K7M9Q-X' }),
}));
const Reference = schema(() => z.string().register(z.globalRegistry, {
  description: 'The short reference people read out: owner agency, two-digit year, six characters, a check character',
}));

/** Answers to the service card's form: field id → value; checked against the card's form when saved. */
const Answers = schema(() => z.record(z.string().check(z.maxLength(64)), z.union([freeText(0, 10_000), z.number(), z.boolean(), z.null()])));

export const SubmitApplicationBody = schema(() => z
  .strictObject({
    serviceId: ServiceId,
    answers: Answers,
    channel: z.enum(channels),
    /** Save as a draft to finish later (on any channel) instead of submitting now. */
    draft: z.optional(z.boolean()),
    /** Frontline staff only: the citizen they are serving, who must have consented to their service centre. */
    onBehalfOf: z.optional(z.strictObject({ nationalNumber: NationalNumber })),
    /** A business service: the business applying, which the registry must list the caller as an owner or representative of. */
    forBusiness: z.optional(z.strictObject({ registrationNumber: RegistrationNumber })),
  })
  .register(z.globalRegistry, { id: 'SubmitApplicationBody' }));

export const UpdateDraftBody = schema(() => z
  .strictObject({ expectedVersion: z.int().check(z.minimum(1)), answers: Answers, channel: z.optional(z.enum(channels)) })
  .register(z.globalRegistry, { id: 'UpdateDraftBody' }));

export const SubmitDraftBody = schema(() => z
  .strictObject({ expectedVersion: z.int().check(z.minimum(1)), channel: z.enum(channels) })
  .register(z.globalRegistry, { id: 'SubmitDraftBody' }));

export const CancelBody = schema(() => z
  .strictObject({ reason: z.optional(freeText(1, 500)) })
  .register(z.globalRegistry, { id: 'CancelBody' }));

const Actor = schema(() => z.strictObject({
  role: z.string(),
  agencyId: z.optional(z.string()),
  serviceCentreId: z.optional(z.string()),
}));

export const ApplicationStep = schema(() => z.strictObject({
  stepId: z.string(),
  agencyId: z.string(),
  name: LocalizedName,
  slaHours: z.int(),
  status: z.enum(stepStatuses),
  dueAt: z.optional(z.string()),
  decidedAt: z.optional(z.string()),
  note: z.optional(z.string()),
  /** The officers' open question to the applicant (status info-requested). */
  question: z.optional(z.string()),
}));

export const TimelineEntry = schema(() => z.strictObject({
  at: z.string(),
  type: z.string(),
  by: Actor,
  summary: z.string(),
}));

export const Application = schema(() => z
  .strictObject({
    applicationId: z.string(),
    reference: z.optional(Reference),
    serviceId: z.string(),
    serviceVersion: z.int(),
    serviceName: LocalizedName,
    status: z.enum(applicationStatuses),
    channel: z.enum(channels),
    applicant: z.strictObject({ kind: z.enum(['persons', 'residents', 'businesses']), recordId: z.string() }),
    /** A business's application: the person who made it for the business (an owner or representative in the registry). */
    representative: z.optional(z.strictObject({ kind: z.enum(['persons']), recordId: z.string(), role: z.enum(['owner', 'representative']) })),
    assistedBy: z.optional(Actor),
    /** The life-event bundle it belongs to, if any. */
    bundleId: z.optional(z.string()),
    answers: z.record(z.string(), z.unknown()),
    prefill: z.record(z.string(), z.unknown()),
    /** Registry fields the caller no longer sees: the consent that let them see them was revoked or ran out. */
    prefillWithheld: z.optional(z.array(z.string())),
    consentIds: z.array(z.string()),
    fees: z.strictObject({ amountJod: z.number(), ePaymentDiscountPercent: z.number(), payableJod: z.number() }),
    /** The bill of a fee paid before issue (eFAWATEERcom bill presentment): amounts in fils, 1 JOD = 1000 fils. */
    payment: z.optional(
      z.strictObject({
        billNumber: z.string(),
        amountFils: z.int(),
        status: z.enum(['due', 'paid', 'refunded']),
        /** Which stage waits for it: the first (`at-submission`) or the issuing one (`before-issue`, the default). */
        due: z.optional(z.enum(['at-submission', 'before-issue'])),
        transactionId: z.optional(z.string()),
        receiptNumber: z.optional(z.string()),
        paidAt: z.optional(z.string()),
        refundedAt: z.optional(z.string()),
      }),
    ),
    stages: z.array(z.strictObject({ steps: z.array(ApplicationStep) })),
    expectedCompletionDate: z.optional(z.string()),
    outcome: z.optional(z.strictObject({ decision: z.enum(['approved', 'rejected', 'cancelled']), reason: z.optional(z.string()), documentId: z.optional(z.string()) })),
    createdAt: z.string(),
    submittedAt: z.optional(z.string()),
    updatedAt: z.string(),
    version: z.int(),
    timeline: z.optional(z.array(TimelineEntry)),
  })
  .register(z.globalRegistry, { id: 'Application' }));
export type Application = z.infer<typeof Application>;

export const ApplicationSummary = schema(() => z.strictObject({
  applicationId: z.string(),
  reference: z.optional(Reference),
  serviceId: z.string(),
  serviceName: LocalizedName,
  status: z.enum(applicationStatuses),
  createdAt: z.string(),
  updatedAt: z.string(),
  expectedCompletionDate: z.optional(z.string()),
}));
export const ApplicationPage = schema(() => z
  .strictObject({ items: z.array(ApplicationSummary), nextCursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'ApplicationPage' }));
export const MyApplicationsQuery = schema(() => z.strictObject({
  status: z.optional(z.enum(applicationStatuses)),
  cursor: z.optional(Cursor),
  limit: z.optional(PageLimit),
}));

// --- Domain events (published from the applications table's outbox) ---

const eventBase = schema(() => ({
  eventId: z.string(),
  applicationId: z.string(),
  at: z.string(),
  by: Actor,
}));
export const ApplicationSubmitted = schema(() => z.strictObject({
  ...eventBase,
  type: z.literal('ApplicationSubmitted'),
  serviceId: z.string(),
  /** The card version it was submitted under (events written before it was added lack it). */
  serviceVersion: z.optional(z.int()),
  channel: z.enum(channels),
  payableJod: z.number(),
  expectedCompletionDate: z.string(),
}));
export const DraftSaved = schema(() => z.strictObject({ ...eventBase, type: z.literal('DraftSaved'), serviceId: z.string() }));
export const ApplicationCancelled = schema(() => z.strictObject({ ...eventBase, type: z.literal('ApplicationCancelled'), reason: z.optional(z.string()) }));
export const ApplicationApproved = schema(() => z.strictObject({ ...eventBase, type: z.literal('ApplicationApproved'), documentId: z.string() }));
export const ApplicationRejected = schema(() => z.strictObject({ ...eventBase, type: z.literal('ApplicationRejected'), stepId: z.string(), reason: z.string() }));
export const PaymentReceived = schema(() => z.strictObject({ ...eventBase, type: z.literal('PaymentReceived'), billNumber: z.string(), amountFils: z.int(), receiptNumber: z.string(), transactionId: z.string() }));
export const PaymentRefunded = schema(() => z.strictObject({ ...eventBase, type: z.literal('PaymentRefunded'), billNumber: z.string(), amountFils: z.int(), receiptNumber: z.string() }));
export const DocumentRevoked = schema(() => z.strictObject({ ...eventBase, type: z.literal('DocumentRevoked'), documentId: z.string(), reason: z.string() }));

const stepEvent = schema(() => ({ ...eventBase, stepId: z.string(), agencyId: z.string() }));
export const TaskAssigned = schema(() => z.strictObject({ ...stepEvent, type: z.literal('TaskAssigned'), taskId: z.string(), dueAt: z.string() }));
export const TaskDecided = schema(() => z.strictObject({ ...stepEvent, type: z.literal('TaskDecided'), taskId: z.string(), decision: z.enum(['approve', 'reject']) }));
export const InformationRequested = schema(() => z.strictObject({ ...stepEvent, type: z.literal('InformationRequested'), taskId: z.string(), question: z.string() }));
export const InformationProvided = schema(() => z.strictObject({ ...eventBase, type: z.literal('InformationProvided'), stepIds: z.array(z.string()) }));
export const SlaBreached = schema(() => z.strictObject({ ...stepEvent, type: z.literal('SlaBreached'), taskId: z.string(), dueAt: z.string() }));

export const domainEvents = [
  ApplicationSubmitted,
  DraftSaved,
  ApplicationCancelled,
  ApplicationApproved,
  ApplicationRejected,
  DocumentRevoked,
  PaymentReceived,
  PaymentRefunded,
  TaskAssigned,
  TaskDecided,
  InformationRequested,
  InformationProvided,
  SlaBreached,
] as const;
export const DomainEvent = schema(() => z.discriminatedUnion('type', [...domainEvents]));
export type DomainEvent = z.infer<typeof DomainEvent>;

// --- Agency tasks ---

export const TaskIdParams = schema(() => z.strictObject({ taskId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}\.[a-z0-9-]{2,64}$/, 'must be a task id')) }));
export const InboxParams = schema(() => z.strictObject({ agencyId: z.string().check(z.regex(/^[a-z0-9-]{2,64}$/, 'must be an agency id')) }));
export const taskStatuses = ['open', 'info-requested', 'awaiting-payment', 'decided', 'closed'] as const;
export const InboxQuery = schema(() => z.strictObject({
  status: z.optional(z.enum(taskStatuses)),
  cursor: z.optional(Cursor),
  limit: z.optional(PageLimit),
}));
export const DecisionBody = schema(() => z
  .strictObject({ decision: z.enum(['approve', 'reject', 'request-info']), note: z.optional(freeText(1, 2000)) })
  .register(z.globalRegistry, { id: 'DecisionBody', description: 'A rejection needs a note the citizen can read; a request for information needs the question' }));
export const InformationBody = schema(() => z
  .strictObject({ answer: freeText(1, 4000) })
  .register(z.globalRegistry, { id: 'InformationBody', description: "The applicant's answer to the officers' request for more information" }));
const InformationExchange = schema(() => z.strictObject({ question: z.string(), askedAt: z.string(), answer: z.optional(z.string()), answeredAt: z.optional(z.string()) }));
export const AgencyTask = schema(() => z
  .strictObject({
    taskId: z.string(),
    applicationId: z.string(),
    stepId: z.string(),
    agencyId: z.string(),
    serviceId: z.string(),
    serviceName: LocalizedName,
    status: z.enum(taskStatuses),
    dueAt: z.string(),
    overdue: z.boolean(),
    escalatedAt: z.optional(z.string()),
    information: z.optional(z.array(InformationExchange)),
    createdAt: z.string(),
    decision: z.optional(z.enum(['approve', 'reject'])),
    note: z.optional(z.string()),
    decidedAt: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'AgencyTask' }));
export const TaskPage = schema(() => z.strictObject({ items: z.array(AgencyTask), nextCursor: z.optional(z.string()) }).register(z.globalRegistry, { id: 'TaskPage' }));
