// Complaints ("At Your Service"): filed by citizens, routed to the responsible agency's officers, who alone with
// operators see them (staff reads audited). Answers, ratings and escalation: handling.ts. No AWS types here.
import { actsAsApplicant } from '../../applications/domain/applicant';
import { addWorkingTime, type CalendarRules } from '../../shared/working-calendar';
import { ulid } from 'ulid';
import type { ComplaintCategory, ComplaintEvent, ComplaintStatus } from '../../../schemas/engagement';
import { EGOV_UNIT } from '../../../schemas/engagement';
import type { StoredApplication } from '../../applications/domain/applications';
import { decodeCursor, encodeCursor, fingerprint } from '../../shared/cursor';
import { Forbidden, HttpError, NotFound } from '../../shared/errors';
import type { Principal } from '../../shared/identity';
import type { AuditEntry } from '../../registry/domain/audit-chain';
import type { RequestContext } from '../../shared/identity';

/** Hours an agency has to resolve a complaint of each category before it is escalated. */
export const complaintSlaHours: Readonly<Record<ComplaintCategory, number>> = {
  'digital-services': 48,
  'service-delay': 72,
  'fees-and-payment': 72,
  'service-quality': 120,
  'staff-conduct': 120,
  other: 168,
};

type Subject = { readonly kind: 'persons' | 'residents'; readonly recordId: string };

export interface ComplaintResponse {
  readonly at: string;
  readonly by: { readonly role: string; readonly agencyId?: string };
  readonly message: string;
  readonly status: ComplaintStatus;
}

export interface StoredComplaint {
  readonly complaintId: string;
  readonly category: ComplaintCategory;
  readonly text: string;
  readonly status: ComplaintStatus;
  readonly agencyId?: string;
  readonly handler: string;
  readonly applicationId?: string;
  readonly complainant: Subject;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly dueAt: string;
  readonly escalatedAt?: string;
  readonly resolvedAt?: string;
  readonly closedAt?: string;
  readonly responses: readonly ComplaintResponse[];
  readonly resolutionRating?: { readonly rating: number; readonly comment?: string; readonly at: string };
  readonly version: number;
}

export interface ComplaintStore {
  /** Writes a new complaint with its events (and, while an agency must answer it, its SLA entry). */
  create(complaint: StoredComplaint, events: readonly ComplaintEvent[]): Promise<void>;
  get(complaintId: string): Promise<StoredComplaint | undefined>;
  /** Replaces it if still at `expectedVersion`, with its events, keeping its SLA entry only while it is watched; VersionConflict otherwise. */
  save(complaint: StoredComplaint, expectedVersion: number, events: readonly ComplaintEvent[]): Promise<void>;
  /** Newest first, after `after` (createdAt#id). */
  listByComplainant(complainant: string, limit: number, after?: string, status?: ComplaintStatus): Promise<{ items: StoredComplaint[]; last?: string }>;
  listByHandler(handler: string, limit: number, after?: string, status?: ComplaintStatus): Promise<{ items: StoredComplaint[]; last?: string }>;
  /** Complaints an agency must answer whose SLA ended before `now`, soonest due first. */
  overdue(now: string, limit: number): Promise<string[]>;
}

export interface ComplaintDeps {
  readonly store: ComplaintStore;
  readonly applications: { get(applicationId: string): Promise<StoredApplication | undefined> };
  readonly agencies: { exists(agencyId: string): Promise<boolean>; owning(serviceId: string): Promise<string | undefined> };
  readonly audit: { append(entry: AuditEntry): Promise<unknown> };
  /** The government working calendar: complaint SLAs count working time. */
  readonly calendar: () => Promise<CalendarRules>;
  readonly now: () => Date;
}

/** An agency answers it (and the sweep watches its SLA) until it is resolved or escalated. */
export const isWatched = (complaint: Pick<StoredComplaint, 'handler' | 'status'>) =>
  complaint.handler !== EGOV_UNIT && (complaint.status === 'received' || complaint.status === 'in-progress');

const subjectKey = (subject: Subject) => `${subject.kind}:${subject.recordId}`;
export const isComplainant = (principal: Principal, complaint: StoredComplaint) =>
  principal.role === 'citizen' && principal.subject?.kind === complaint.complainant.kind && principal.subject.recordId === complaint.complainant.recordId;

export function eventOf(complaint: StoredComplaint, at: string): Omit<ComplaintEvent, 'type'> & { eventId: string } {
  return {
    eventId: ulid(Date.parse(at)),
    complaintId: complaint.complaintId,
    at,
    category: complaint.category,
    complainant: complaint.complainant,
    ...(complaint.agencyId ? { agencyId: complaint.agencyId } : {}),
    handler: complaint.handler,
  };
}

function citizenOf(principal: Principal): Subject {
  if (principal.role !== 'citizen' || !principal.subject) {
    throw new Forbidden('Citizens and residents file complaints about their own dealings', { reason: 'role' });
  }
  return principal.subject;
}

/** Where a complaint goes: the agency named, else the one owning the application's service, else the e-Government Unit. */
async function routeOf(deps: ComplaintDeps, subject: Subject, body: { agencyId?: string; applicationId?: string }): Promise<string> {
  const application = body.applicationId ? await deps.applications.get(body.applicationId) : undefined;
  if (body.applicationId && (!application || !actsAsApplicant(subject, application))) {
    throw new NotFound('application_not_found', `No application ${body.applicationId} that you may see`);
  }
  const owner = application ? ((await deps.agencies.owning(application.serviceId)) ?? application.stages[0]?.steps[0]?.agencyId) : undefined;
  if (!body.agencyId) {
    return owner ?? EGOV_UNIT;
  }
  if (!(await deps.agencies.exists(body.agencyId))) {
    throw new HttpError(422, 'unknown_agency', `No agency ${body.agencyId}`, { agencyId: body.agencyId });
  }
  const involved = application?.stages.some((stage) => stage.steps.some((step) => step.agencyId === body.agencyId));
  if (application && !involved && owner !== body.agencyId) {
    throw new HttpError(422, 'agency_not_involved', `${body.agencyId} has no part in application ${body.applicationId}`, { agencyId: body.agencyId });
  }
  return body.agencyId;
}

/**
 * Primary course:
 * 1. A citizen complains, optionally about one of their applications or a named agency.
 * 2. It is routed (see routeOf) and given its category's SLA.
 * 3. It is saved with its ComplaintFiled event, which notifies the citizen and whoever handles it.
 */
export async function fileComplaint(
  deps: ComplaintDeps,
  principal: Principal,
  body: { category: ComplaintCategory; agencyId?: string; applicationId?: string; text: string },
) {
  const complainant = citizenOf(principal);
  const handler = await routeOf(deps, complainant, body);
  const now = deps.now();
  const at = now.toISOString();
  const complaint: StoredComplaint = {
    complaintId: ulid(now.getTime()),
    category: body.category,
    text: body.text,
    status: 'received',
    ...(handler !== EGOV_UNIT ? { agencyId: handler } : {}),
    handler,
    ...(body.applicationId ? { applicationId: body.applicationId } : {}),
    complainant,
    createdAt: at,
    updatedAt: at,
    dueAt: addWorkingTime(await deps.calendar(), now, complaintSlaHours[body.category], handler).toISOString(),
    responses: [],
    version: 1,
  };
  await deps.store.create(complaint, [{ ...eventOf(complaint, at), type: 'ComplaintFiled', dueAt: complaint.dueAt }]);
  return view(complaint, false);
}

const isPageKey = (key: unknown): key is string => typeof key === 'string' && key.length < 100;

export async function listMyComplaints(deps: ComplaintDeps, principal: Principal, query: { status?: ComplaintStatus; cursor?: string; limit?: number }) {
  const complainant = citizenOf(principal);
  const print = fingerprint({ status: query.status });
  const after = query.cursor ? decodeCursor(query.cursor, print, isPageKey) : undefined;
  const page = await deps.store.listByComplainant(subjectKey(complainant), query.limit ?? 20, after, query.status);
  return { items: page.items.map((complaint) => view(complaint, false)), ...(page.last ? { nextCursor: encodeCursor(page.last, print) } : {}) };
}

/** Officers see their agency's queue; operators the e-Government Unit's, or any agency's. Summaries only: no text, no complainant. */
export async function complaintQueue(deps: ComplaintDeps, principal: Principal, query: { agencyId?: string; status?: ComplaintStatus; cursor?: string; limit?: number }) {
  let handler: string;
  if (principal.role === 'officer' && principal.agencyId) {
    if (query.agencyId && query.agencyId !== principal.agencyId) {
      throw new Forbidden(`Officers see their own agency's complaints (${principal.agencyId})`, { reason: 'not_your_agency' });
    }
    handler = principal.agencyId;
  } else if (principal.role === 'operator') {
    handler = query.agencyId ?? EGOV_UNIT;
  } else {
    throw new Forbidden('Officers and operators handle complaints', { reason: 'role' });
  }
  const print = fingerprint({ handler, status: query.status });
  const after = query.cursor ? decodeCursor(query.cursor, print, isPageKey) : undefined;
  const page = await deps.store.listByHandler(handler, query.limit ?? 20, after, query.status);
  const now = deps.now().toISOString();
  return {
    items: page.items.map((complaint) => ({
      complaintId: complaint.complaintId,
      category: complaint.category,
      status: complaint.status,
      ...(complaint.agencyId ? { agencyId: complaint.agencyId } : {}),
      handler: complaint.handler,
      ...(complaint.applicationId ? { applicationId: complaint.applicationId } : {}),
      createdAt: complaint.createdAt,
      dueAt: complaint.dueAt,
      ...(complaint.escalatedAt ? { escalatedAt: complaint.escalatedAt } : {}),
      overdue: isWatched(complaint) && complaint.dueAt < now,
    })),
    ...(page.last ? { nextCursor: encodeCursor(page.last, print) } : {}),
  };
}

/** Fields in a stable order (a stored map's order is not): easier to read in a terminal. */
export function view(complaint: StoredComplaint, forStaff: boolean) {
  const { agencyId, applicationId, complainant, escalatedAt, resolvedAt, closedAt, resolutionRating: rated } = complaint;
  return {
    complaintId: complaint.complaintId,
    category: complaint.category,
    text: complaint.text,
    status: complaint.status,
    ...(agencyId ? { agencyId } : {}),
    handler: complaint.handler,
    ...(applicationId ? { applicationId } : {}),
    ...(forStaff ? { complainant: { kind: complainant.kind, recordId: complainant.recordId } } : {}),
    createdAt: complaint.createdAt,
    updatedAt: complaint.updatedAt,
    dueAt: complaint.dueAt,
    ...(escalatedAt ? { escalatedAt } : {}),
    ...(resolvedAt ? { resolvedAt } : {}),
    ...(closedAt ? { closedAt } : {}),
    responses: complaint.responses.map(({ at, by, message, status }) => ({
      at,
      by: { role: by.role, ...(by.agencyId ? { agencyId: by.agencyId } : {}) },
      message,
      status,
    })),
    ...(rated ? { resolutionRating: { rating: rated.rating, ...(rated.comment ? { comment: rated.comment } : {}), at: rated.at } } : {}),
  };
}

/** The complainant, officers of the agency handling it or complained about, operators; nobody else learns it exists. */
export async function visible(deps: ComplaintDeps, principal: Principal, complaintId: string): Promise<StoredComplaint> {
  const complaint = await deps.store.get(complaintId);
  const agencyMayRead = principal.role === 'officer' && Boolean(principal.agencyId) && (complaint?.handler === principal.agencyId || complaint?.agencyId === principal.agencyId);
  if (!complaint || !(isComplainant(principal, complaint) || agencyMayRead || principal.role === 'operator')) {
    throw new NotFound('complaint_not_found', `No complaint ${complaintId} that you may see`);
  }
  return complaint;
}

/** Staff reading a complaint read the complainant's personal data: it goes on the complainant's audit trail first. */
export async function auditStaffRead(deps: ComplaintDeps, principal: Principal, complaint: StoredComplaint, context: RequestContext): Promise<void> {
  if (principal.role === 'citizen') {
    return;
  }
  await deps.audit.append({
    subject: subjectKey(complaint.complainant),
    action: 'registry.read',
    at: deps.now().toISOString(),
    actor: { id: principal.sub, role: principal.role, ...(principal.agencyId ? { agencyId: principal.agencyId } : {}) },
    fields: ['complaint.text', 'complaint.responses'],
    purpose: `complaint ${complaint.complaintId}`,
    ...(context.requestId ? { requestId: context.requestId } : {}),
    ...(context.channel ? { channel: context.channel } : {}),
  });
}

export async function getComplaint(deps: ComplaintDeps, principal: Principal, complaintId: string, context: RequestContext) {
  const complaint = await visible(deps, principal, complaintId);
  await auditStaffRead(deps, principal, complaint, context);
  return view(complaint, principal.role !== 'citizen');
}
