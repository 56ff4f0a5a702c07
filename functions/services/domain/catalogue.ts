// Use cases of the unified service catalogue, over a storage port (no AWS types here).
import { isDeepStrictEqual } from 'node:util';
import type { BundleDefinition } from '../../../schemas/bundles';
import type { WorkingCalendar } from '../../../schemas/calendar';
import type { SynonymList } from '../../../schemas/synonyms';
import type {
  Agency,
  LifecycleStage,
  ListServicesQuery,
  ServiceCard,
  ServiceCardInput,
  ServiceSummary,
  ServiceVersionSummary,
} from '../../../schemas/services';
import { BadRequest, Conflict, NotFound, VersionConflict } from '../../shared/errors';
import { decodeCursor, encodeCursor, fingerprint } from '../../shared/cursor';
import { allowedNextStages, canMove } from './lifecycle';
import { priorityScore } from './priority';
import { candidates, catalogueIndex } from './catalogue-index';
import { documentTerms, matchRank, normalizeText, noSynonyms, queryTokens, type SearchFields, type Synonyms } from './search';
import { workingDaysOf, workingDaysText, workflowHours } from '../../shared/working-calendar';
import { byCodeUnit } from '../../shared/order';

export interface StoredSummary extends ServiceSummary {
  /** Normalized names, descriptions and agency names, for search. */
  /** Written by releases before ranked search: everything in one text. New summaries carry the three fields instead. */
  readonly searchText?: string;
  readonly nameText: string;
  /** The description (both languages) and the service id; absent on summaries written before ranked search. */
  readonly descriptionText?: string;
  /** The owner's and partners' names and acronyms. */
  readonly agencyText?: string;
}

/** Thrown by a catalogue adapter when the current version is not the expected one. */

export interface ServiceCatalogue {
  listAgencies(): Promise<Agency[]>;
  putAgency(agency: Agency): Promise<void>;
  /** Every service's current summary (the listing's snapshot and the cards saved since, see dynamo-listing.ts). */
  listSummaries(): Promise<StoredSummary[]>;
  /** Folds the cards saved since the last pass into the listing's snapshot. */
  foldListing(now: Date): Promise<{ readonly folded: number; readonly services: number; readonly parts: number; readonly bytes: number }>;
  getCurrent(serviceId: string): Promise<ServiceCard | undefined>;
  getVersion(serviceId: string, version: number): Promise<ServiceCard | undefined>;
  /** Up to `limit` versions older than `before` (all when absent), newest first. */
  listVersions(serviceId: string, limit: number, before?: number): Promise<ServiceVersionSummary[]>;
  /** Writes `card` as the next version; throws VersionConflict unless the current version is `expectedVersion` (0: none). */
  saveVersion(card: ServiceCard, summary: StoredSummary, expectedVersion: number): Promise<void>;
  /** The date each rollout phase opens for applications (phase → YYYY-MM-DD). */
  getRollout(): Promise<Record<number, string>>;
  /** Sets the schedule unless one exists (`onlyIfAbsent`), or replaces it. */
  putRollout(schedule: Record<number, string>, onlyIfAbsent: boolean): Promise<void>;
  /** The working calendar's current version, or an older one. */
  getCalendar(version?: number): Promise<WorkingCalendar | undefined>;
  /** Writes `calendar` as the next version; VersionConflict unless the current one is `expectedVersion` (0: none). */
  saveCalendar(calendar: WorkingCalendar, expectedVersion: number): Promise<void>;
  /** The search synonym list's current version, or an older one. */
  getSynonyms(version?: number): Promise<SynonymList | undefined>;
  /** Writes `list` as the next version; VersionConflict unless the current one is `expectedVersion` (0: none). */
  saveSynonyms(list: SynonymList, expectedVersion: number): Promise<void>;
  listLifeEvents(): Promise<BundleDefinition[]>;
  getLifeEvent(lifeEventId: string): Promise<BundleDefinition | undefined>;
  putLifeEvent(definition: BundleDefinition): Promise<void>;
}

export interface CatalogueDeps {
  readonly catalogue: ServiceCatalogue;
  readonly now: () => Date;
}

export interface Actor {
  readonly username: string;
  /** A person's roles (their groups); the reference loader has none. */
  readonly groups?: readonly string[];
}

/**
 * Who a card says changed it, in public: the role of a person (`operator`), never their username (the audit
 * trail of the request keeps who it was), or the reference loader's own name.
 */
export const editorOf = (actor: Actor): string => actor.groups?.[0] ?? actor.username;

const DEFAULT_PAGE_SIZE = 20;

export async function listServices(
  summaries: readonly StoredSummary[],
  query: ListServicesQuery,
  synonyms: Synonyms = noSynonyms,
): Promise<{ items: ServiceSummary[]; nextCursor?: string }> {
  // 1. filter, 2. search and rank, 3. order by (rank, priority desc, id), 4. resume after the cursor's key.
  const { cursor, limit = DEFAULT_PAGE_SIZE, ...filters } = query;
  if (filters.agencyRole && !filters.agency) {
    throw new BadRequest('agency_required', 'agencyRole narrows agency=: give both, e.g. agency=cspd&agencyRole=owner');
  }
  const filterPrint = fingerprint(filters);
  const after = cursor ? decodeCursor(cursor, filterPrint, isSortKey) : undefined;
  const tokens = filters.q ? queryTokens(filters.q, synonyms) : [];
  const index = catalogueIndex(summaries, synonyms, (summary) => searchFields(summary, synonyms), { key: (summary) => sortKey(0, summary), compare: compareKeys });
  // Without a query, the index's order is the listing's: read it until the page is full.
  const ordered = tokens.length
    ? candidates(index, tokens)
        .filter((summary) => matchesFilters(summary, filters))
        .map((summary) => ({ summary, key: sortKey(matchRank(tokens, searchFields(summary, synonyms))!, summary) }))
        .sort((a, b) => compareKeys(a.key, b.key))
    : index.ordered;
  const { page, more } = pageOf(ordered, limit, (entry) => (!after || compareKeys(entry.key, after) > 0) && (tokens.length > 0 || matchesFilters(entry.summary, filters)));
  const last = page.at(-1);
  return {
    items: page.map((entry) => publicSummary(entry.summary)),
    ...(more && last ? { nextCursor: encodeCursor(last.key, filterPrint) } : {}),
  };
}

/** The first `limit` entries that pass `keep`, and whether another one does. */
function pageOf<T>(entries: Iterable<T>, limit: number, keep: (entry: T) => boolean): { page: T[]; more: boolean } {
  const page: T[] = [];
  for (const entry of entries) {
    if (!keep(entry)) {
      continue;
    }
    if (page.length === limit) {
      return { page, more: true };
    }
    page.push(entry);
  }
  return { page, more: false };
}

export async function getService(deps: CatalogueDeps, serviceId: string, version?: number): Promise<ServiceCard> {
  const card = version
    ? await deps.catalogue.getVersion(serviceId, version)
    : await deps.catalogue.getCurrent(serviceId);
  if (!card) {
    throw version
      ? new NotFound('version_not_found', `Service ${serviceId} has no version ${version}`)
      : new NotFound('service_not_found', `No service with id ${serviceId}`);
  }
  return withProcessingTime(card);
}

/** The card as citizens read it: its workflow's SLAs stated in working days ("2 working days"). */
export function withProcessingTime(card: ServiceCard): ServiceCard {
  const workingDays = workingDaysOf(workflowHours(card.workflow));
  return { ...card, processingTime: { workingDays, text: workingDaysText(workingDays) } };
}

export async function listServiceVersions(
  deps: CatalogueDeps,
  serviceId: string,
  query: { cursor?: string; limit?: number },
): Promise<{ items: ServiceVersionSummary[]; nextCursor?: string }> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const print = fingerprint({ serviceId });
  const before = query.cursor ? decodeCursor(query.cursor, print, isVersion) : undefined;
  const found = await deps.catalogue.listVersions(serviceId, limit + 1, before);
  if (found.length === 0 && !before && !(await deps.catalogue.getCurrent(serviceId))) {
    throw new NotFound('service_not_found', `No service with id ${serviceId}`);
  }
  const items = found.slice(0, limit);
  const last = items.at(-1);
  return { items, ...(found.length > limit && last ? { nextCursor: encodeCursor(last.version, print) } : {}) };
}

const isVersion = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;

export async function putService(
  deps: CatalogueDeps,
  serviceId: string,
  input: ServiceCardInput,
  expectedVersion: number,
  actor: Actor,
): Promise<ServiceCard> {
  // 1. check references, 2. check the base version, 3. write the next version atomically.
  const agencies = await checkCard(deps, input);
  const current = await deps.catalogue.getCurrent(serviceId);
  if (expectedVersion === 0 && current) {
    throw staleVersion(serviceId, expectedVersion, current.version);
  }
  if (expectedVersion > 0 && !current) {
    throw new NotFound('service_not_found', `No service with id ${serviceId}; use expectedVersion 0 to create it`);
  }
  if (current && current.version !== expectedVersion) {
    throw staleVersion(serviceId, expectedVersion, current.version);
  }
  const stage = current?.lifecycleStage ?? 're-engineering';
  return save(deps, agencies, buildCard(deps, serviceId, input, stage, expectedVersion + 1, actor), expectedVersion);
}

export async function changeStage(
  deps: CatalogueDeps,
  serviceId: string,
  stage: LifecycleStage,
  expectedVersion: number | undefined,
  actor: Actor,
): Promise<ServiceCard> {
  const current = await getService(deps, serviceId);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw staleVersion(serviceId, expectedVersion, current.version);
  }
  if (!canMove(current.lifecycleStage, stage)) {
    throw new Conflict(
      'stage_transition_not_allowed',
      `A service in ${current.lifecycleStage} cannot move to ${stage}`,
      { from: current.lifecycleStage, to: stage, allowedNextStages: allowedNextStages[current.lifecycleStage] },
    );
  }
  const agencies = await deps.catalogue.listAgencies();
  const next = buildCard(deps, serviceId, stripStored(current), stage, current.version + 1, actor);
  return save(deps, agencies, next, current.version);
}

/** Seeds a service at a given stage unless it already exists; returns whether it was written. */
export async function importService(
  deps: CatalogueDeps,
  serviceId: string,
  input: ServiceCardInput,
  stage: LifecycleStage,
  actor: Actor,
): Promise<boolean> {
  if (await deps.catalogue.getCurrent(serviceId)) {
    return false;
  }
  const agencies = await checkCard(deps, input);
  await save(deps, agencies, buildCard(deps, serviceId, input, stage, 1, actor), 0);
  return true;
}

export type ReferenceSync =
  | { readonly outcome: 'created' | 'updated' | 'unchanged'; readonly serviceId: string; readonly version: number }
  | { readonly outcome: 'skipped'; readonly serviceId: string; readonly version: number; readonly editedBy: string };

/**
 * Brings a service to its reference card: creates it, or publishes the reference card as the next version when
 * the current one was written by the loader (`loaderNames`) and differs. A card someone else wrote is skipped.
 */
export async function syncReferenceService(
  deps: CatalogueDeps,
  serviceId: string,
  input: ServiceCardInput,
  stage: LifecycleStage,
  loader: Actor,
  loaderNames: readonly string[],
): Promise<ReferenceSync> {
  const current = await deps.catalogue.getCurrent(serviceId);
  if (!current) {
    await importService(deps, serviceId, input, stage, loader);
    return { outcome: 'created', serviceId, version: 1 };
  }
  if (isDeepStrictEqual(stripStored(current), input)) {
    return { outcome: 'unchanged', serviceId, version: current.version };
  }
  if (!loaderNames.includes(current.updatedBy)) {
    return { outcome: 'skipped', serviceId, version: current.version, editedBy: current.updatedBy };
  }
  const next = await putService(deps, serviceId, input, current.version, loader);
  return { outcome: 'updated', serviceId, version: next.version };
}

async function save(
  deps: CatalogueDeps,
  agencies: readonly Agency[],
  card: ServiceCard,
  expectedVersion: number,
): Promise<ServiceCard> {
  try {
    await deps.catalogue.saveVersion(card, storedSummary(card, agencies), expectedVersion);
  } catch (error) {
    if (error instanceof VersionConflict) {
      const current = await deps.catalogue.getCurrent(card.serviceId);
      throw staleVersion(card.serviceId, expectedVersion, current?.version ?? 0);
    }
    throw error;
  }
  return card;
}

function buildCard(
  deps: CatalogueDeps,
  serviceId: string,
  input: ServiceCardInput,
  stage: LifecycleStage,
  version: number,
  actor: Actor,
): ServiceCard {
  return {
    ...input,
    serviceId,
    version,
    lifecycleStage: stage,
    priorityScore: priorityScore(input.priority),
    updatedAt: deps.now().toISOString(),
    updatedBy: editorOf(actor),
  };
}

export function stripStored(card: ServiceCard): ServiceCardInput {
  const { serviceId, version, lifecycleStage, priorityScore: score, updatedAt, updatedBy, processingTime, ...input } = card;
  void [serviceId, version, lifecycleStage, score, updatedAt, updatedBy, processingTime];
  return input;
}

async function checkCard(deps: CatalogueDeps, input: ServiceCardInput): Promise<Agency[]> {
  const agencies = await deps.catalogue.listAgencies();
  const known = new Set(agencies.map((agency) => agency.agencyId));
  const steps = input.workflow.flatMap((stage) => stage.steps);
  const referenced = [input.ownerAgencyId, ...input.partnerAgencyIds, ...steps.map((step) => step.agencyId)];
  const unknown = [...new Set(referenced.filter((id) => !known.has(id)))];
  const involved = new Set([input.ownerAgencyId, ...input.partnerAgencyIds]);
  const problems = [
    ...unknown.map((id) => ({ path: 'agencyId', message: { en: `Unknown agency ${id}`, ar: `جهة غير معروفة: ${id}` } })),
    ...steps
      .filter((step) => !involved.has(step.agencyId))
      .map((step) => ({ path: `workflow.${step.stepId}`, message: { en: `Agency ${step.agencyId} is neither owner nor partner`, ar: `الجهة ${step.agencyId} ليست مالكة للخدمة ولا شريكة فيها` } })),
    ...duplicates(steps.map((step) => step.stepId)).map((id) => ({ path: 'workflow', message: { en: `Duplicate step id ${id}`, ar: `رمز خطوة مكرر: ${id}` } })),
    ...duplicates(input.form.fields.map((field) => field.id)).map((id) => ({ path: 'form.fields', message: { en: `Duplicate field id ${id}`, ar: `رمز حقل مكرر: ${id}` } })),
    ...duplicates(input.requiredDocuments.map((doc) => doc.documentId)).map((id) => ({ path: 'requiredDocuments', message: { en: `Duplicate document id ${id}`, ar: `رمز مستند مكرر: ${id}` } })),
    ...input.form.fields
      .filter((field) => (field.type === 'select') !== Boolean(field.options))
      .map((field) => ({ path: `form.fields.${field.id}`, message: { en: 'Options are required for select fields and only for them', ar: 'الخيارات مطلوبة لحقول الاختيار ولها فقط' } })),
    ...(input.partnerAgencyIds.includes(input.ownerAgencyId)
      ? [{ path: 'partnerAgencyIds', message: { en: 'The owner agency cannot also be a partner', ar: 'لا يمكن أن تكون الجهة المالكة شريكة أيضاً' } }]
      : []),
  ];
  if (problems.length > 0) {
    throw new BadRequest('invalid_service_card', 'The service card is inconsistent', problems);
  }
  return agencies;
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

function staleVersion(serviceId: string, expectedVersion: number, currentVersion: number): Conflict {
  return new Conflict(
    'stale_version',
    `Service ${serviceId} is at version ${currentVersion}, not ${expectedVersion}: reload it and apply your change again`,
    { expectedVersion, currentVersion },
  );
}

export function storedSummary(card: ServiceCard, agencies: readonly Agency[]): StoredSummary {
  const agencyNames = agencies
    .filter((agency) => agency.agencyId === card.ownerAgencyId || card.partnerAgencyIds.includes(agency.agencyId))
    .flatMap((agency) => [agency.name.ar, agency.name.en, agency.acronym ?? '']);
  const nameText = normalizeText(`${card.name.ar} ${card.name.en}`);
  return {
    serviceId: card.serviceId,
    version: card.version,
    name: card.name,
    ownerAgencyId: card.ownerAgencyId,
    partnerAgencyIds: card.partnerAgencyIds,
    category: card.category,
    beneficiaryTypes: card.beneficiaryTypes,
    channels: card.channels,
    lifecycleStage: card.lifecycleStage,
    rolloutPhase: card.rolloutPhase,
    priorityScore: card.priorityScore,
    feesJod: card.fees.amountJod,
    nameText,
    descriptionText: normalizeText([card.description.ar, card.description.en, card.serviceId].join(' ')),
    agencyText: normalizeText(agencyNames.join(' ')),
  };
}

const analyses = new WeakMap<Synonyms, WeakMap<StoredSummary, SearchFields>>();

/** A summary's search terms by field, worked out once per loaded summary and synonym list. */
function searchFields(summary: StoredSummary, synonyms: Synonyms): SearchFields {
  let analyzed = analyses.get(synonyms);
  if (!analyzed) {
    analyzed = new WeakMap();
    analyses.set(synonyms, analyzed);
  }
  let fields = analyzed.get(summary);
  if (!fields) {
    fields = {
      name: documentTerms(summary.nameText, synonyms),
      description: documentTerms(summary.descriptionText ?? summary.searchText ?? '', synonyms),
      agency: documentTerms(summary.agencyText ?? '', synonyms),
    };
    analyzed.set(summary, fields);
  }
  return fields;
}

function publicSummary(summary: StoredSummary): ServiceSummary {
  const { searchText, nameText, descriptionText, agencyText, ...visible } = summary;
  void [searchText, nameText, descriptionText, agencyText];
  return visible;
}

type Filters = Omit<ListServicesQuery, 'cursor' | 'limit'>;

function matchesFilters(summary: StoredSummary, filters: Filters): boolean {
  return (
    takesPart(summary, filters.agency, filters.agencyRole) &&
    (!filters.category || summary.category === filters.category) &&
    (filters.phase === undefined || summary.rolloutPhase === filters.phase) &&
    (!filters.stage || summary.lifecycleStage === filters.stage) &&
    (!filters.beneficiary || summary.beneficiaryTypes.includes(filters.beneficiary)) &&
    (!filters.channel || summary.channels.includes(filters.channel))
  );
}

function takesPart(summary: ServiceSummary, agency: string | undefined, role: 'owner' | 'partner' | undefined): boolean {
  if (!agency) {
    return true;
  }
  const owns = summary.ownerAgencyId === agency;
  const partners = summary.partnerAgencyIds.includes(agency);
  return role === 'owner' ? owns : role === 'partner' ? partners : owns || partners;
}

type SortKey = [number, number, string];

function sortKey(rank: number, summary: ServiceSummary): SortKey {
  return [rank, -summary.priorityScore, summary.serviceId];
}

function isSortKey(value: unknown): value is SortKey {
  return (
    Array.isArray(value) &&
    value.length === 3 &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1]) &&
    typeof value[2] === 'string'
  );
}

function compareKeys(a: SortKey, b: SortKey): number {
  return a[0] - b[0] || a[1] - b[1] || byCodeUnit(a[2], b[2]);
}
