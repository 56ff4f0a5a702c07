// What submitting an application writes besides the application: its registry sharing, its submitted state and
// event; and what it reads first, asked together (the adapters send those reads as one batch read).
import { ulid } from 'ulid';
import type { Application, DomainEvent } from '../../../schemas/applications';
import type { Channel, ServiceCard } from '../../../schemas/services';
import { ammanDate } from '../../shared/amman-time';
import type { Principal, RegistrySubject, RequestContext } from '../../shared/identity';
import { addWorkingTime, type CalendarRules, workflowHours } from '../../shared/working-calendar';
import type { StoredRecord } from '../../registry/domain/ports';

type Stored = Omit<Application, 'timeline'>;

/** The reads a submission makes (ports of ApplicationDeps). */
interface SubmissionReaders {
  readonly catalogue: { getCurrent(serviceId: string): Promise<ServiceCard | undefined>; rollout(): Promise<Readonly<Record<number, string>>> };
  readonly calendar: () => Promise<CalendarRules>;
  readonly registry: { record(subject: RegistrySubject): Promise<StoredRecord | undefined> };
}

/** The Amman date the citizen is promised: each stage takes its slowest step's SLA, counted in working time; stages follow one another. */
export function expectedCompletion(calendar: CalendarRules, from: Date, card: Pick<ServiceCard, 'workflow'>): string {
  return ammanDate(addWorkingTime(calendar, from, workflowHours(card.workflow)));
}

export const actorOf = (principal: Principal) => ({
  role: principal.role,
  ...(principal.agencyId ? { agencyId: principal.agencyId } : {}),
  ...(principal.serviceCentreId ? { serviceCentreId: principal.serviceCentreId } : {}),
});

/** The card, and for a submission the rollout schedule, the working calendar and the applicant's record. */
export async function submissionReads(deps: SubmissionReaders, serviceId: string, applicant: RegistrySubject | undefined) {
  const [card, rollout, calendar, record] = await Promise.all([
    deps.catalogue.getCurrent(serviceId),
    applicant ? deps.catalogue.rollout() : undefined,
    applicant ? deps.calendar() : undefined,
    applicant ? deps.registry.record(applicant) : undefined,
  ]);
  return { card, rollout, calendar, record };
}

export function sharingInput(principal: Principal, application: Pick<Stored, 'applicant' | 'applicationId'>, card: ServiceCard, context: RequestContext, until?: string) {
  const agencyIds = card.workflow.flatMap((stage) => stage.steps.map((step) => step.agencyId));
  return {
    subject: application.applicant,
    actor: principal,
    agencyIds: [card.ownerAgencyId, ...agencyIds],
    registryFields: card.requiredRegistryFields,
    purpose: `application ${application.applicationId}: ${card.name.en}`,
    context,
    scopeId: application.applicationId,
    ...(until ? { until } : {}),
  };
}

/** The draft as submitted (one version on), with the registry's prefill and the consents it was shared under. */
export function submittedFrom<T extends Stored>(
  draft: T,
  card: ServiceCard,
  channel: Channel,
  clock: { readonly now: Date; readonly calendar: CalendarRules },
  shared: { consentIds: string[]; prefill: Record<string, unknown> },
): T {
  const { now, calendar } = clock;
  return {
    ...draft,
    status: 'submitted',
    channel,
    serviceVersion: card.version,
    prefill: shared.prefill,
    consentIds: shared.consentIds,
    submittedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    expectedCompletionDate: expectedCompletion(calendar, now, card),
    // A fee collected online: the bill (numbered after the application) is posted to the provider on submission.
    ...(card.fees.paymentDue && draft.fees.payableJod > 0
      ? { payment: { billNumber: draft.applicationId, amountFils: Math.round(draft.fees.payableJod * 1000), status: 'due' as const, due: card.fees.paymentDue } }
      : {}),
    version: draft.version + 1,
  };
}

export function submittedEvent(principal: Principal, submitted: Stored, card: ServiceCard): DomainEvent {
  return {
    type: 'ApplicationSubmitted',
    eventId: ulid(),
    applicationId: submitted.applicationId,
    at: submitted.submittedAt!,
    by: actorOf(principal),
    serviceId: card.serviceId,
    serviceVersion: card.version,
    channel: submitted.channel,
    payableJod: submitted.fees.payableJod,
    expectedCompletionDate: submitted.expectedCompletionDate!,
  };
}

