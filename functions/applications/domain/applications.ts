// Use cases of citizen applications over storage, catalogue, registry and workflow ports (no AWS types).
// The application record is the truth: every change is one conditional write of the record together with
// the domain events it causes (the outbox), which the stream publishes.
import { ammanDate } from '../../shared/amman-time';
import { type CalendarRules } from '../../shared/working-calendar';
import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import type { Application, ApplicationStatus, DomainEvent } from '../../../schemas/applications';
import { terminalStatuses } from '../../../schemas/applications';
import type { Channel, ServiceCard } from '../../../schemas/services';
import { decodeCursor, encodeCursor, fingerprint } from '../../shared/cursor';
import { Conflict, Forbidden, HttpError, NotFound, VersionConflict } from '../../shared/errors';
import type { StoredConsent } from '../../registry/domain/access';
import type { StoredRecord } from '../../registry/domain/ports';
import { planSharing, type SharingWrites } from '../../registry/domain/sharing';
import type { RegistrySubject, Principal } from '../../shared/identity';
import { recordSpecs } from '../../../schemas/registry';
import { accountOf, type RequestContext } from '../../shared/identity';
import type { WorkflowEngine, WorkflowInput } from '../../workflow/ports';
import { actsAsApplicant, beneficiaryOf } from './applicant';
import { applicantOf } from './applicant-of';
import { checkAnswers } from './form';
import { checkFileAnswers, type UploadReader } from './file-answers';
import { applicationIdOf, newReference } from './reference';
import { actorOf, expectedCompletion, sharingInput, submissionReads, submittedEvent, submittedFrom } from './submission';

export { expectedCompletion };

export type StoredApplication = Omit<Application, 'timeline'> & {
  /** Cognito sub of the account that owns it (the applicant), when they have one. */
  readonly ownerSub?: string;
  /** An assisted application: the citizen's consent under which the service centre acts. */
  readonly centreConsentId?: string;
};

export type TimelineEvent = DomainEvent;

/** What an applicant's list shows of each application. */
export type ApplicationSummary = Pick<StoredApplication, 'applicationId' | 'reference' | 'serviceId' | 'serviceName' | 'status' | 'createdAt' | 'updatedAt' | 'expectedCompletionDate'>;

export const summaryOf = ({ applicationId, reference, serviceId, serviceName, status, createdAt, updatedAt, expectedCompletionDate }: StoredApplication): ApplicationSummary => ({
  applicationId,
  ...(reference ? { reference } : {}),
  serviceId,
  serviceName,
  status,
  createdAt,
  updatedAt,
  ...(expectedCompletionDate ? { expectedCompletionDate } : {}),
});

/** Another application holds this short reference (a random collision): draw another. */
export class ReferenceTaken extends Error {}
/** The idempotency key was used before: for this body hash and this application. */
export class KeyAlreadyUsed extends Error {
  constructor(
    readonly bodyHash: string,
    readonly applicationId: string,
  ) {
    super('idempotency key already used');
  }
}

export interface IdempotencyClaim {
  readonly key: string;
  readonly bodyHash: string;
  /** Epoch seconds after which the key may be reused. */
  readonly expiresAt: number;
}

export interface ApplicationStore extends UploadReader {
  /**
   * Creates the application with its events (and claims the idempotency key, and writes the registry sharing of a
   * submission: consents and audit entries) in one transaction; KeyAlreadyUsed if claimed.
   */
  create(application: StoredApplication, events: readonly TimelineEvent[], claim?: IdempotencyClaim, sharing?: SharingWrites): Promise<void>;
  /** The application a short reference names (its normalized form). */
  findByReference(reference: string): Promise<string | undefined>;
  get(applicationId: string): Promise<StoredApplication | undefined>;
  /** Replaces the application if it is still at `expectedVersion`, appending `events`; VersionConflict otherwise. */
  save(application: StoredApplication, expectedVersion: number, events: readonly TimelineEvent[]): Promise<void>;
  /** The application with its events, in one read. */
  getWithEvents(applicationId: string): Promise<{ application?: StoredApplication; events: TimelineEvent[] }>;
  /** The applicant's applications, newest first, after `after` (createdAt#id). */
  listByApplicant(applicant: string, limit: number, after?: string, status?: ApplicationStatus): Promise<{ items: ApplicationSummary[]; last?: string }>;
  /**
   * Applications whose workflow should be running, last changed before `updatedBefore`, a page at a time
   * (`last` while more may follow; a page may hold fewer than `limit`).
   */
  listActive(updatedBefore: string, limit: number, after?: string): Promise<{ items: StoredApplication[]; last?: string }>;
}

/** Submitted and not yet decided or cancelled: its workflow should be running. */
export const isActive = (application: Pick<StoredApplication, 'status'>) => application.status !== 'draft' && !terminalStatuses.includes(application.status);

export interface CatalogueReader {
  getCurrent(serviceId: string): Promise<ServiceCard | undefined>;
  /** ISO date on which each rollout phase opens (opened) for applications. */
  rollout(): Promise<Readonly<Record<number, string>>>;
}

export interface RegistrySharing {
  shareForApplication(input: {
    subject: RegistrySubject;
    actor: Principal;
    agencyIds: readonly string[];
    registryFields: readonly string[];
    purpose: string;
    context: RequestContext;
    /** The application: sharing again for it (a retried submission) writes nothing new. */
    scopeId: string;
    /** Last day the agencies' consents may run. */
    until?: string;
  }): Promise<{ consentIds: string[]; prefill: Record<string, unknown> }>;
  /** The citizen's consent under which a service centre applies for a service for them; 403 naming what it lacks. */
  assistingConsent(input: {
    subject: RegistrySubject;
    serviceCentreId: string;
    registryFields: readonly string[];
    service: { serviceId: string; names: readonly string[] };
  }): Promise<Pick<StoredConsent, 'consentId' | 'expiresAt'>>;
  /** Those of the named consents that are live now. */
  liveConsents(subject: RegistrySubject, consentIds: readonly string[]): Promise<ReadonlyArray<Pick<StoredConsent, 'consentId' | 'grantee' | 'fields'>>>;
  /** The applicant's registry record (read with the service card, in one round trip, by a submission). */
  record(subject: RegistrySubject): Promise<StoredRecord | undefined>;
  /** The account (Cognito sub) of a registry record, if any. */
  accountOf(subject: RegistrySubject): Promise<string | undefined>;
  /** How the registry lists a person in a business: owner, representative, or not at all. */
  roleInBusiness(nationalNumber: string, registrationNumber: string): Promise<'owner' | 'representative' | undefined>;
}

export interface ApplicationDeps {
  readonly store: ApplicationStore;
  readonly catalogue: CatalogueReader;
  readonly registry: RegistrySharing;
  readonly workflow: WorkflowEngine;
  /** The government working calendar: the expected completion counts working time. */
  readonly calendar: () => Promise<CalendarRules>;
  readonly now: () => Date;
}

const IDEMPOTENCY_HOURS = 24;

export interface SubmitRequest {
  readonly serviceId: string;
  readonly answers: Readonly<Record<string, string | number | boolean | null>>;
  readonly channel: Channel;
  readonly draft?: boolean;
  readonly onBehalfOf?: { readonly nationalNumber: string };
  readonly forBusiness?: { readonly registrationNumber: string };
  /** Set by the platform when the application is a member of a life-event bundle. */
  readonly bundleId?: string;
}


export function bodyHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** POST /v1/applications: a draft, or a submission that starts the workflow. Replays of a key return the first result. */
export async function submitApplication(
  deps: ApplicationDeps,
  principal: Principal,
  request: SubmitRequest,
  idempotencyKey: string,
  context: RequestContext,
): Promise<{ application: Application; replayed: boolean }> {
  const hash = bodyHash(request);
  const claimKey = `${accountOf(principal)}#${idempotencyKey}`;
  const { applicant, ownerSub, representative } = await applicantOf(deps.registry, principal, request);
  const mode = request.draft ? 'draft' : 'submit';
  const { card, rollout, calendar, record } = await submissionReads(deps, request.serviceId, mode === 'submit' ? applicant : undefined);
  if (!card) {
    throw new NotFound('service_not_found', `No service with id ${request.serviceId}`);
  }
  if (mode === 'submit') {
    await checkOpen(deps, card, applicant.kind, request.channel, rollout);
    await checkFileAnswers(deps.store, card, request.answers, { principal, applicant });
  }
  const assisting = principal.role === 'frontline' ? await assistingConsentOf(deps, principal, applicant, card) : undefined;
  const answers = checkAnswers(card, request.answers, mode);
  const now = deps.now();
  const application: StoredApplication = {
    applicationId: ulid(now.getTime()),
    reference: newReference(card.ownerAgencyId, Number(ammanDate(now).slice(0, 4))),
    serviceId: card.serviceId,
    serviceVersion: card.version,
    serviceName: card.name,
    status: 'draft',
    channel: request.channel,
    applicant,
    ...(representative ? { representative } : {}),
    ...(ownerSub ? { ownerSub } : {}),
    ...(principal.role === 'frontline' ? { assistedBy: actorOf(principal) } : {}),
    ...(assisting ? { centreConsentId: assisting.consentId } : {}),
    ...(request.bundleId ? { bundleId: request.bundleId } : {}),
    answers,
    prefill: {},
    consentIds: [],
    fees: feesOf(card, request.channel),
    stages: card.workflow.map((stage) => ({
      steps: stage.steps.map((step) => ({ stepId: step.stepId, agencyId: step.agencyId, name: step.name, slaHours: step.slaHours, status: 'pending' as const })),
    })),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  // A submission is created submitted, with the registry sharing, in one write that claims the key.
  const sharing =
    mode === 'submit'
      ? planSharing(now, sharingInput(principal, application, card, context, assisting?.expiresAt), record)
      : undefined;
  const created0 = sharing && calendar ? submittedFrom(application, card, request.channel, { now, calendar }, sharing) : application;
  const events: TimelineEvent[] =
    mode === 'draft'
      ? [{ type: 'DraftSaved', eventId: ulid(), applicationId: application.applicationId, at: application.createdAt, by: actorOf(principal), serviceId: card.serviceId }]
      : [submittedEvent(principal, created0, card)];
  let created: StoredApplication;
  try {
    const claim = { key: claimKey, bodyHash: hash, expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_HOURS * 3600 };
    created = await createWithReference(deps, created0, events, claim, card.ownerAgencyId, sharing?.writes);
  } catch (error) {
    if (error instanceof KeyAlreadyUsed) {
      if (error.bodyHash !== hash) {
        throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request; use a new key', { applicationId: error.applicationId });
      }
      const claimed = mode === 'submit' ? await firstRequestsOutcome(deps, error.applicationId) : undefined;
      if (claimed?.status === 'draft') {
        // The first request claimed the key and died before submitting: finish its work (each step of a
        // submission is idempotent for one application; a late first request racing this one is harmless too).
        return { application: await finishSubmission(deps, principal, claimed, card, request.channel, context, assisting?.expiresAt), replayed: true };
      }
      return { application: await view(deps, principal, error.applicationId), replayed: true };
    }
    throw error;
  }
  if (mode === 'submit') {
    // Written submitted: a crash before this start leaves it to the reconciler, as any unstarted submission.
    await deps.workflow.start(workflowInput(created));
  }
  // What was just written is the whole partition: the view is made from it, not read back.
  return { application: viewOf(await shownTo(deps, principal, created), events), replayed: false };
}

/** Creates the application; on the rare collision of its random short reference, with another one. */
async function createWithReference(
  deps: ApplicationDeps,
  application: StoredApplication,
  events: readonly TimelineEvent[],
  claim: IdempotencyClaim,
  ownerAgencyId: string,
  sharing?: SharingWrites,
): Promise<StoredApplication> {
  for (let attempt = 1; ; attempt += 1) {
    const candidate = attempt === 1 ? application : { ...application, reference: newReference(ownerAgencyId, Number(ammanDate(new Date(application.createdAt)).slice(0, 4))) };
    try {
      await deps.store.create(candidate, events, claim, sharing);
      return candidate;
    } catch (error) {
      if (!(error instanceof ReferenceTaken) || attempt === 3) {
        throw error;
      }
    }
  }
}

/** A submission's request takes well under this (its function's timeout is 10 s); a draft older than this was left by a request that died. */
const SUBMISSION_WAIT_MS = 3_000;

/**
 * The application a key's first request created, once that request is done with it. A retry arriving while the
 * first request may still be submitting (a double click, a storm of client retries) gets 409 and is to retry in a
 * moment, as the Idempotency-Key header's specification has it, rather than racing the first request; a draft
 * older than that is one whose request died, and the retry finishes it.
 */
async function firstRequestsOutcome(deps: ApplicationDeps, applicationId: string): Promise<StoredApplication | undefined> {
  const claimed = await deps.store.get(applicationId);
  if (claimed?.status === 'draft' && deps.now().getTime() - Date.parse(claimed.createdAt) < SUBMISSION_WAIT_MS) {
    throw new Conflict('submission_in_progress', 'A request with this Idempotency-Key is still being processed: retry in a moment', {
      applicationId,
      retryAfterSeconds: Math.ceil(SUBMISSION_WAIT_MS / 1000),
    });
  }
  return claimed;
}

/** Submits the key's draft; when a retry of the same request got there first, its result is this one's too. */
async function finishSubmission(
  deps: ApplicationDeps,
  principal: Principal,
  draft: StoredApplication,
  card: ServiceCard,
  channel: Channel,
  context: RequestContext,
  until?: string,
) {
  try {
    return await submit(deps, principal, draft, card, channel, context, until);
  } catch (error) {
    if (error instanceof Conflict && error.code === 'stale_version') {
      const current = await deps.store.get(draft.applicationId);
      if (current && current.status !== 'draft') {
        return view(deps, principal, draft.applicationId);
      }
    }
    throw error;
  }
}

/** PUT /v1/applications/{id}: change a draft's answers (partial answers are fine until it is submitted). */
export async function updateDraft(
  deps: ApplicationDeps,
  principal: Principal,
  applicationId: string,
  body: { expectedVersion: number; answers: Readonly<Record<string, string | number | boolean | null>>; channel?: Channel },
): Promise<Application> {
  const application = await ownDraft(deps, principal, applicationId, body.expectedVersion);
  const card = await deps.catalogue.getCurrent(application.serviceId);
  if (!card) {
    throw new Conflict('service_withdrawn', 'The service of this draft no longer exists');
  }
  const answers = checkAnswers(card, { ...application.answers, ...body.answers } as Record<string, string | number | boolean | null>, 'draft');
  const now = deps.now().toISOString();
  const next: StoredApplication = { ...application, answers, channel: body.channel ?? application.channel, updatedAt: now, version: application.version + 1 };
  await saveOrConflict(deps, next, application.version, [
    { type: 'DraftSaved', eventId: ulid(), applicationId, at: now, by: actorOf(principal), serviceId: application.serviceId },
  ]);
  return view(deps, principal, applicationId);
}

/** POST /v1/applications/{id}/submit: submit a draft, from whichever channel the citizen is on now. */
export async function submitDraft(
  deps: ApplicationDeps,
  principal: Principal,
  applicationId: string,
  body: { expectedVersion: number; channel: Channel },
  context: RequestContext,
): Promise<Application> {
  const application = await ownDraft(deps, principal, applicationId, body.expectedVersion);
  const card = await deps.catalogue.getCurrent(application.serviceId);
  if (!card) {
    throw new Conflict('service_withdrawn', 'The service of this draft no longer exists');
  }
  checkAnswers(card, application.answers as Record<string, string | number | boolean | null>, 'submit');
  await checkOpen(deps, card, application.applicant.kind, body.channel);
  await checkFileAnswers(deps.store, card, application.answers, { principal, applicant: application.applicant });
  return submit(deps, principal, { ...application, fees: feesOf(card, body.channel) }, card, body.channel, context);
}

async function submit(
  deps: ApplicationDeps,
  principal: Principal,
  draft: StoredApplication,
  card: ServiceCard,
  channel: Channel,
  context: RequestContext,
  until?: string,
): Promise<Application> {
  const { consentIds, prefill } = await deps.registry.shareForApplication(sharingInput(principal, draft, card, context, until));
  const now = deps.now();
  const submitted = submittedFrom(draft, card, channel, { now, calendar: await deps.calendar() }, { consentIds, prefill });
  await saveOrConflict(deps, submitted, draft.version, [submittedEvent(principal, submitted, card)]);
  await deps.workflow.start(workflowInput(submitted));
  return view(deps, principal, draft.applicationId);
}

export function workflowInput(application: Pick<StoredApplication, 'applicationId' | 'stages'>): WorkflowInput {
  return {
    applicationId: application.applicationId,
    stages: application.stages.map((stage) => ({ steps: stage.steps.map(({ stepId, agencyId, slaHours }) => ({ stepId, agencyId, slaHours })) })),
  };
}

function feesOf(card: ServiceCard, channel: Channel) {
  const { amountJod, ePaymentDiscountPercent } = card.fees;
  const online = channel === 'portal' || channel === 'mobile' || channel === 'kiosk';
  const payableJod = Math.round(amountJod * (online ? 1 - ePaymentDiscountPercent / 100 : 1) * 1000) / 1000;
  return { amountJod, ePaymentDiscountPercent, payableJod };
}

export async function checkOpen(
  deps: ApplicationDeps,
  card: ServiceCard,
  applicantKind: RegistrySubject['kind'],
  channel: Channel,
  rollout?: Readonly<Record<number, string>>,
): Promise<void> {
  // A service under post-launch evaluation is live: evaluation happens while citizens use it.
  if (card.lifecycleStage !== 'launched' && card.lifecycleStage !== 'post-launch-evaluation') {
    throw new Conflict('service_not_launched', `${card.name.en} is not open for applications yet (stage: ${card.lifecycleStage})`, {
      lifecycleStage: card.lifecycleStage,
    });
  }
  const opensOn = (rollout ?? (await deps.catalogue.rollout()))[card.rolloutPhase];
  const today = ammanDate(deps.now());
  if (!opensOn || opensOn > today) {
    throw new Conflict('phase_not_open', `${card.name.en} opens with rollout phase ${card.rolloutPhase}${opensOn ? ` on ${opensOn}` : ', not yet scheduled'}`, {
      rolloutPhase: card.rolloutPhase,
      ...(opensOn ? { opensOn } : {}),
    });
  }
  if (!card.channels.includes(channel)) {
    throw new Forbidden(`${card.name.en} is not offered on the ${channel} channel`, { reason: 'channel_not_offered', channels: card.channels });
  }
  const beneficiary = beneficiaryOf[applicantKind];
  if (!card.beneficiaryTypes.includes(beneficiary)) {
    throw new Forbidden(`${card.name.en} is for ${card.beneficiaryTypes.join(', ')}`, { reason: 'not_eligible', beneficiaryTypes: card.beneficiaryTypes });
  }
}

function assistingConsentOf(deps: ApplicationDeps, principal: Principal, applicant: StoredApplication['applicant'], card: ServiceCard) {
  return deps.registry.assistingConsent({
    subject: applicant,
    serviceCentreId: principal.serviceCentreId!,
    registryFields: card.requiredRegistryFields,
    service: { serviceId: card.serviceId, names: [card.name.en, card.name.ar] },
  });
}

async function ownDraft(deps: ApplicationDeps, principal: Principal, applicationId: string, expectedVersion: number): Promise<StoredApplication> {
  const application = await readable(deps, principal, applicationId);
  if (!isApplicant(principal, application)) {
    throw new Forbidden('Only the applicant changes a draft', { reason: 'not_applicant' });
  }
  if (application.status !== 'draft') {
    throw new Conflict('not_a_draft', `The application is ${application.status}; only drafts change`, { status: application.status });
  }
  if (application.version !== expectedVersion) {
    throw stale(expectedVersion, application.version);
  }
  return application;
}

async function saveOrConflict(deps: ApplicationDeps, next: StoredApplication, expectedVersion: number, events: TimelineEvent[]): Promise<void> {
  try {
    await deps.store.save(next, expectedVersion, events);
  } catch (error) {
    if (error instanceof VersionConflict) {
      const current = await deps.store.get(next.applicationId);
      throw stale(expectedVersion, current?.version ?? expectedVersion);
    }
    throw error;
  }
}

function stale(expectedVersion: number, currentVersion: number): Conflict {
  return new Conflict('stale_version', `The application is at version ${currentVersion}, not ${expectedVersion}: reload it`, { expectedVersion, currentVersion });
}

const isApplicant = (principal: Principal, application: StoredApplication) => principal.role === 'citizen' && actsAsApplicant(principal.subject, application);

/** The applicant, officers of the agencies involved (once submitted), the assisting service centre and auditors; nobody else (404). */
async function readable(deps: ApplicationDeps, principal: Principal, applicationId: string): Promise<StoredApplication> {
  return mayRead(principal, applicationId, await deps.store.get(applicationId));
}

function mayRead(principal: Principal, applicationId: string, application: StoredApplication | undefined): StoredApplication {
  const involved = (agencyId?: string) => Boolean(agencyId) && application!.stages.some((stage) => stage.steps.some((step) => step.agencyId === agencyId));
  const allowed =
    application &&
    (isApplicant(principal, application) ||
      principal.role === 'auditor' ||
      // Agencies see an application once it is submitted (and the citizen's consents exist), never a draft.
      (principal.role === 'officer' && application.status !== 'draft' && involved(principal.agencyId)) ||
      (principal.role === 'frontline' && application.assistedBy?.serviceCentreId === principal.serviceCentreId));
  if (!allowed) {
    // Not "forbidden": whether an application exists is itself not for strangers to learn.
    throw new NotFound('application_not_found', `No application ${applicationId} that you may see`);
  }
  return application;
}

export async function getApplication(deps: ApplicationDeps, principal: Principal, idOrReference: string): Promise<Application> {
  const applicationId = await applicationIdOf(deps.store, idOrReference);
  const { application, events } = await deps.store.getWithEvents(applicationId);
  return viewOf(await shownTo(deps, principal, mayRead(principal, applicationId, application)), events);
}

/**
 * Staff see the registry data of an application only while the citizen's consent that let them have it is
 * live: officers under their agency's consent for it (the record's owning agency needs none), a service
 * centre under the consent it acted on. Fields whose consent was revoked or ran out are withheld at once.
 */
async function shownTo(deps: ApplicationDeps, principal: Principal, application: StoredApplication): Promise<StoredApplication> {
  const fields = Object.keys(application.prefill);
  if ((principal.role !== 'officer' && principal.role !== 'frontline') || fields.length === 0) {
    return application;
  }
  if (principal.role === 'officer' && principal.agencyId === recordSpecs[application.applicant.kind].ownerAgencyId) {
    return application;
  }
  const ids = principal.role === 'frontline' ? (application.centreConsentId ? [application.centreConsentId] : []) : application.consentIds;
  const live = ids.length > 0 ? await deps.registry.liveConsents(application.applicant, ids) : [];
  const allowed = new Set(
    live
      .filter((consent) =>
        principal.role === 'frontline'
          ? consent.grantee.type === 'service-centre' && consent.grantee.id === principal.serviceCentreId
          : consent.grantee.type === 'agency' && consent.grantee.id === principal.agencyId,
      )
      .flatMap((consent) => consent.fields),
  );
  const shown = (name: string) => allowed.has(name.slice(name.indexOf('.') + 1)) || name === `${recordSpecs[application.applicant.kind].fieldPrefix}.${recordSpecs[application.applicant.kind].keyField}`;
  const withheld = fields.filter((name) => !shown(name));
  if (withheld.length === 0) {
    return application;
  }
  return { ...application, prefill: Object.fromEntries(Object.entries(application.prefill).filter(([name]) => shown(name))), prefillWithheld: withheld };
}

export async function listMyApplications(
  deps: ApplicationDeps,
  principal: Principal,
  query: { status?: ApplicationStatus; cursor?: string; limit?: number },
) {
  if (principal.role !== 'citizen' || !principal.subject) {
    throw new Forbidden('Citizens list their own applications', { reason: 'role' });
  }
  const print = fingerprint({ status: query.status });
  const after = query.cursor ? decodeCursor(query.cursor, print, (key): key is string => typeof key === 'string' && key.length < 100) : undefined;
  const page = await deps.store.listByApplicant(applicantKey(principal.subject), query.limit ?? 20, after, query.status);
  return {
    items: page.items,
    ...(page.last ? { nextCursor: encodeCursor(page.last, print) } : {}),
  };
}

export const applicantKey = (subject: { kind: string; recordId: string }) => `${subject.kind}:${subject.recordId}`;

/** POST /v1/applications/{id}/cancel: the applicant (or the centre that assisted) cancels until a decision. */
/**
 * The applicant names no version: a step the workflow opened or decided meanwhile is no reason to refuse, so a
 * stale read is read again (a few times) and the cancellation applied to what is there.
 */
export async function cancelApplication(deps: ApplicationDeps, principal: Principal, applicationId: string, reason: string | undefined): Promise<Application> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await cancelOnce(deps, principal, applicationId, reason);
    } catch (error) {
      if (!(error instanceof Conflict && error.code === 'stale_version') || attempt === CANCEL_ATTEMPTS) {
        throw error;
      }
    }
  }
}

const CANCEL_ATTEMPTS = 5;

async function cancelOnce(deps: ApplicationDeps, principal: Principal, applicationId: string, reason: string | undefined): Promise<Application> {
  const application = await readable(deps, principal, applicationId);
  const mayCancel = isApplicant(principal, application) || (principal.role === 'frontline' && application.assistedBy?.serviceCentreId === principal.serviceCentreId);
  if (!mayCancel) {
    throw new Forbidden('Only the applicant cancels an application', { reason: 'not_applicant' });
  }
  if (terminalStatuses.includes(application.status)) {
    throw new Conflict('already_decided', `The application is already ${application.status}`, { status: application.status });
  }
  const now = deps.now().toISOString();
  const next: StoredApplication = {
    ...application,
    status: 'cancelled',
    stages: application.stages.map((stage) => ({
      steps: stage.steps.map((step) => (step.status === 'approved' || step.status === 'rejected' ? step : { ...step, status: 'cancelled' as const })),
    })),
    outcome: { decision: 'cancelled', ...(reason ? { reason } : {}) },
    updatedAt: now,
    version: application.version + 1,
  };
  await saveOrConflict(deps, next, application.version, [
    { type: 'ApplicationCancelled', eventId: ulid(), applicationId, at: now, by: actorOf(principal), ...(reason ? { reason } : {}) },
  ]);
  if (application.status !== 'draft') {
    await deps.workflow.stop(applicationId, 'cancelled by the applicant');
  }
  return view(deps, principal, applicationId);
}

const summaries: Record<DomainEvent['type'], (event: DomainEvent) => string> = {
  DraftSaved: () => 'Draft saved',
  ApplicationSubmitted: (event) => `Submitted on the ${(event as Extract<DomainEvent, { type: 'ApplicationSubmitted' }>).channel} channel`,
  ApplicationCancelled: () => 'Cancelled',
  ApplicationApproved: () => 'Approved; the document was issued',
  ApplicationRejected: (event) => `Rejected: ${(event as Extract<DomainEvent, { type: 'ApplicationRejected' }>).reason}`,
  TaskAssigned: (event) => `Step ${(event as Extract<DomainEvent, { type: 'TaskAssigned' }>).stepId} assigned to ${(event as Extract<DomainEvent, { type: 'TaskAssigned' }>).agencyId}`,
  TaskDecided: (event) => {
    const decided = event as Extract<DomainEvent, { type: 'TaskDecided' }>;
    return `Step ${decided.stepId} ${decided.decision === 'approve' ? 'approved' : 'rejected'} by ${decided.agencyId}`;
  },
  InformationRequested: (event) => `More information requested: ${(event as Extract<DomainEvent, { type: 'InformationRequested' }>).question}`,
  InformationProvided: () => 'The applicant answered the request for information',
  PaymentReceived: (event) => {
    const paid = event as Extract<DomainEvent, { type: 'PaymentReceived' }>;
    return `Paid ${(paid.amountFils / 1000).toFixed(3)} JOD on bill ${paid.billNumber}; receipt ${paid.receiptNumber}`;
  },
  PaymentRefunded: (event) => {
    const refunded = event as Extract<DomainEvent, { type: 'PaymentRefunded' }>;
    return `Refunded ${(refunded.amountFils / 1000).toFixed(3)} JOD (receipt ${refunded.receiptNumber})`;
  },
  DocumentRevoked: (event) => `Document revoked: ${(event as Extract<DomainEvent, { type: 'DocumentRevoked' }>).reason}`,
  SlaBreached: (event) => `Step ${(event as Extract<DomainEvent, { type: 'SlaBreached' }>).stepId} is overdue and was escalated`,
};

async function view(deps: ApplicationDeps, principal: Principal, applicationId: string): Promise<Application> {
  const { application, events } = await deps.store.getWithEvents(applicationId);
  if (!application) {
    throw new NotFound('application_not_found', `No application ${applicationId}`);
  }
  return viewOf(await shownTo(deps, principal, application), events);
}

function viewOf(application: StoredApplication, events: readonly TimelineEvent[]): Application {
  const { ownerSub: _owner, centreConsentId: _consent, ...visible } = application;
  return {
    ...visible,
    timeline: events.map((event) => ({ at: event.at, type: event.type, by: event.by, summary: summaries[event.type](event) })),
  };
}
