// Life-event bundles: the citizen fills the life event's form once; each member service gets its answers mapped
// from it (or from an earlier member's issued document) and is submitted as a normal application when the
// members it requires are approved. Members are submitted with idempotency keys derived from the bundle, so
// advancing a bundle twice (a redelivered event, a retry) never submits a member twice.
import { ulid } from 'ulid';
import type { AnswerSource, Bundle, BundleDefinition, BundleMemberStatus } from '../../../schemas/bundles';
import type { Channel } from '../../../schemas/services';
import { BadRequest, Forbidden, HttpError, NotFound } from '../../shared/errors';
import type { Principal } from '../../shared/identity';
import { accountOf, type RequestContext } from '../../shared/identity';
import { type ApplicationDeps, bodyHash, checkOpen, KeyAlreadyUsed, type StoredApplication, submitApplication } from './applications';
import { VersionConflict } from '../../shared/errors';
import { checkAnswers } from './form';
import { checkFileAnswers } from './file-answers';

type Answer = string | number | boolean;

export interface StoredBundle {
  readonly bundleId: string;
  readonly lifeEventId: string;
  readonly name: Bundle['name'];
  readonly channel: Channel;
  /** Who submitted it: members are submitted as them. */
  readonly owner: { readonly sub: string; readonly subject: NonNullable<Principal['subject']> };
  readonly answers: Readonly<Record<string, Answer>>;
  readonly members: ReadonlyArray<{
    readonly key: string;
    readonly serviceId: string;
    readonly serviceName: Bundle['name'];
    readonly requires: readonly string[];
    readonly answers: Readonly<Record<string, AnswerSource>>;
    readonly status: BundleMemberStatus;
    readonly applicationId?: string;
    readonly documentId?: string;
    readonly reason?: string;
  }>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface BundleStore {
  /** Creates the bundle and claims the idempotency key in one transaction; KeyAlreadyUsed if claimed. */
  create(bundle: StoredBundle, claim: { key: string; bodyHash: string; expiresAt: number }): Promise<void>;
  get(bundleId: string): Promise<StoredBundle | undefined>;
  /** VersionConflict unless still at `expectedVersion`. */
  save(bundle: StoredBundle, expectedVersion: number): Promise<void>;
}

export interface BundleDeps {
  readonly bundles: BundleStore;
  readonly lifeEvents: { get(lifeEventId: string): Promise<BundleDefinition | undefined> };
  readonly applications: ApplicationDeps;
  readonly now: () => Date;
}

const PENDING_DOCUMENT = 'DOC-PENDING';
const memberKey = (bundleId: string, key: string) => `bundle-${bundleId}-${key}`;
const finished: readonly BundleMemberStatus[] = ['approved', 'rejected', 'cancelled', 'blocked', 'failed'];

/** POST /v1/bundles: validates the whole life event up front, then submits the members that need nothing first. */
export async function submitBundle(
  deps: BundleDeps,
  principal: Principal,
  request: { lifeEventId: string; answers: Readonly<Record<string, Answer | null>>; channel: Channel },
  idempotencyKey: string,
  context: RequestContext,
): Promise<{ bundle: Bundle; replayed: boolean }> {
  if (principal.role !== 'citizen' || !principal.subject) {
    throw new Forbidden('Citizens and residents submit life events for themselves', { reason: 'role' });
  }
  const definition = await deps.lifeEvents.get(request.lifeEventId);
  if (!definition) {
    throw new NotFound('life_event_not_found', `No life event ${request.lifeEventId}`);
  }
  const answers = checkAnswers(definition, request.answers, 'submit') as Record<string, Answer>;
  const members = [];
  for (const member of definition.members) {
    const card = await deps.applications.catalogue.getCurrent(member.serviceId);
    if (!card) {
      throw new HttpError(409, 'member_unavailable', `The life event includes ${member.serviceId}, which is not in the catalogue`, { member: member.key });
    }
    await withMember(member.key, () => checkOpen(deps.applications, card, principal.subject!.kind, request.channel));
    // Checked now with placeholders for documents still to be issued, so a bundle is never half-valid.
    await withMember(member.key, async () => checkAnswers(card, mapAnswers(member.answers, answers, () => PENDING_DOCUMENT), 'submit'));
    members.push({ key: member.key, serviceId: member.serviceId, serviceName: card.name, requires: member.requires, answers: member.answers, status: 'waiting' as const });
  }
  await checkFileAnswers(deps.applications.store, definition, answers, { principal, applicant: principal.subject });
  const now = deps.now();
  const bundle: StoredBundle = {
    bundleId: ulid(now.getTime()),
    lifeEventId: definition.lifeEventId,
    name: definition.name,
    channel: request.channel,
    owner: { sub: principal.sub, subject: principal.subject },
    answers,
    members,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
  };
  const hash = bodyHash(request);
  try {
    await deps.bundles.create(bundle, { key: `${accountOf(principal)}#bundle#${idempotencyKey}`, bodyHash: hash, expiresAt: Math.floor(now.getTime() / 1000) + 24 * 3600 });
  } catch (error) {
    if (error instanceof KeyAlreadyUsed) {
      if (error.bodyHash !== hash) {
        throw new HttpError(422, 'idempotency_key_reused', 'This Idempotency-Key was used for a different request; use a new key', { bundleId: error.applicationId });
      }
      return { bundle: await advanceBundle(deps, error.applicationId, context), replayed: true };
    }
    throw error;
  }
  return { bundle: await advanceBundle(deps, bundle.bundleId, context), replayed: false };
}

/**
 * Brings a bundle up to date: records its members' outcomes, submits every waiting member whose prerequisites
 * are all approved, and blocks members whose prerequisites failed. Safe to run any number of times.
 */
export async function advanceBundle(deps: BundleDeps, bundleId: string, context: RequestContext): Promise<Bundle> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const bundle = await deps.bundles.get(bundleId);
    if (!bundle) {
      throw new NotFound('bundle_not_found', `No bundle ${bundleId}`);
    }
    const applications = await applicationsOf(deps, bundle);
    const members = [...bundle.members].map((member) => {
      const application = member.applicationId ? applications.get(member.applicationId) : undefined;
      return application ? { ...member, status: memberStatus(application), ...documentOf(application), ...reasonOf(application) } : member;
    });
    const owner: Principal = { sub: bundle.owner.sub, role: 'citizen', subject: bundle.owner.subject };
    for (const [index, member] of members.entries()) {
      if (member.status !== 'waiting') {
        continue;
      }
      const required = members.filter((other) => member.requires.includes(other.key));
      if (required.some((other) => finished.includes(other.status) && other.status !== 'approved')) {
        members[index] = { ...member, status: 'blocked', reason: 'A service it depends on was not approved' };
        continue;
      }
      if (!required.every((other) => other.status === 'approved')) {
        continue;
      }
      const documents = new Map(members.map((other) => [other.key, other.documentId]));
      try {
        const { application } = await submitApplication(
          deps.applications,
          owner,
          {
            serviceId: member.serviceId,
            answers: mapAnswers(member.answers, bundle.answers, (key) => documents.get(key) ?? PENDING_DOCUMENT),
            channel: bundle.channel,
            bundleId,
          },
          memberKey(bundleId, member.key),
          context,
        );
        members[index] = { ...member, status: 'submitted', applicationId: application.applicationId };
      } catch (error) {
        if (!(error instanceof HttpError)) {
          throw error;
        }
        // The service closed (or its form changed) since the bundle was submitted: say so on the member.
        members[index] = { ...member, status: 'failed', reason: error.message };
      }
    }
    const changed = members.some((member, index) => JSON.stringify(member) !== JSON.stringify(bundle.members[index]));
    if (!changed) {
      return view(bundle, members);
    }
    const next = { ...bundle, members, updatedAt: deps.now().toISOString(), version: bundle.version + 1 };
    try {
      await deps.bundles.save(next, bundle.version);
      return view(next, members);
    } catch (error) {
      if (!(error instanceof VersionConflict)) {
        throw error;
      }
    }
  }
  throw new Error(`bundle ${bundleId} kept changing`);
}

/** GET /v1/bundles/{bundleId}: the owner (and auditors) see the combined progress, live. */
export async function getBundle(deps: BundleDeps, principal: Principal, bundleId: string): Promise<Bundle> {
  const bundle = await deps.bundles.get(bundleId);
  const isOwner = bundle && principal.subject && bundle.owner.subject.kind === principal.subject.kind && bundle.owner.subject.recordId === principal.subject.recordId;
  if (!bundle || !(isOwner || principal.role === 'auditor')) {
    throw new NotFound('bundle_not_found', `No bundle ${bundleId} that you may see`);
  }
  const applications = await applicationsOf(deps, bundle);
  return view(
    bundle,
    bundle.members.map((member) => {
      const application = member.applicationId ? applications.get(member.applicationId) : undefined;
      return application ? { ...member, status: memberStatus(application), ...documentOf(application), ...reasonOf(application) } : member;
    }),
  );
}

function view(bundle: StoredBundle, members: StoredBundle['members']): Bundle {
  const approved = members.filter((member) => member.status === 'approved').length;
  const active = members.some((member) => !finished.includes(member.status));
  return {
    bundleId: bundle.bundleId,
    lifeEventId: bundle.lifeEventId,
    name: bundle.name,
    status: approved === members.length ? 'completed' : active ? 'in-progress' : 'incomplete',
    progress: { approved, total: members.length, percent: Math.round((approved / members.length) * 100) },
    channel: bundle.channel,
    members: members.map(({ answers: _answers, ...member }) => ({ ...member, requires: [...member.requires] })),
    createdAt: bundle.createdAt,
    updatedAt: bundle.updatedAt,
  };
}

async function applicationsOf(deps: BundleDeps, bundle: StoredBundle): Promise<Map<string, StoredApplication>> {
  const ids = bundle.members.flatMap((member) => (member.applicationId ? [member.applicationId] : []));
  const found = await Promise.all(ids.map((id) => deps.applications.store.get(id)));
  return new Map(found.flatMap((application) => (application ? [[application.applicationId, application] as const] : [])));
}

function memberStatus(application: StoredApplication): BundleMemberStatus {
  return application.status === 'draft' ? 'submitted' : application.status === 'awaiting-payment' ? 'in-progress' : application.status;
}

const documentOf = (application: StoredApplication) => (application.outcome?.documentId ? { documentId: application.outcome.documentId } : {});
const reasonOf = (application: StoredApplication) => (application.outcome?.reason ? { reason: application.outcome.reason } : {});

function mapAnswers(sources: Readonly<Record<string, AnswerSource>>, shared: Readonly<Record<string, Answer | null>>, document: (key: string) => string): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const [field, source] of Object.entries(sources)) {
    const value = 'answer' in source ? shared[source.answer] : 'value' in source ? source.value : document(source.documentOf);
    if (value !== null && value !== undefined) {
      answers[field] = value;
    }
  }
  return answers;
}

/** Names the member in a refusal, so the citizen knows which service of the life event it is about. */
async function withMember<T>(member: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof BadRequest) {
      throw new BadRequest(error.code, `${member}: ${error.message}`, error.details);
    }
    if (error instanceof HttpError) {
      throw new HttpError(error.status, error.code, `${member}: ${error.message}`, { ...(error.details as object), member });
    }
    throw error;
  }
}
