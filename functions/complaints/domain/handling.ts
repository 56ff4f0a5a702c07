// Handling a complaint: answers until it is resolved, the citizen's rating that closes it, and past its category's
// SLA the move to the e-Government Unit. Each change and the event it causes are one write (notifications read
// the events from the table's stream).
import type { ComplaintEvent, ComplaintStatus } from '../../../schemas/engagement';
import { EGOV_UNIT } from '../../../schemas/engagement';
import { Conflict, Forbidden, NotFound } from '../../shared/errors';
import type { Principal } from '../../shared/identity';
import type { RequestContext } from '../../shared/identity';
import { auditStaffRead, type ComplaintDeps, eventOf, isComplainant, isWatched, type StoredComplaint, view, visible } from './complaints';
import { VersionConflict } from '../../shared/errors';

const MAX_RESPONSES = 50;
/** Still waiting for an answer from whoever handles it. */
const openStatuses: readonly ComplaintStatus[] = ['received', 'in-progress', 'escalated'];

async function saveOrConflict(deps: ComplaintDeps, next: StoredComplaint, expectedVersion: number, events: readonly ComplaintEvent[]): Promise<void> {
  try {
    await deps.store.save(next, expectedVersion, events);
  } catch (error) {
    if (error instanceof VersionConflict) {
      throw new Conflict('complaint_changed', 'The complaint changed while you answered; reload it and try again');
    }
    throw error;
  }
}

/**
 * Primary course:
 * 1. Whoever handles the complaint answers: the agency's officers, or operators once the e-Government Unit has it.
 * 2. The answer moves it on (in progress, or resolved), until it is resolved.
 * 3. Saved with its ComplaintAnswered event (the citizen is notified); the staff read is audited.
 */
export async function respondToComplaint(
  deps: ComplaintDeps,
  principal: Principal,
  complaintId: string,
  body: { message: string; status: 'in-progress' | 'resolved' },
  context: RequestContext,
) {
  const complaint = await visible(deps, principal, complaintId);
  const handles = (principal.role === 'officer' && principal.agencyId === complaint.handler) || (principal.role === 'operator' && complaint.handler === EGOV_UNIT);
  if (!handles) {
    throw new Forbidden(`The complaint is handled by ${complaint.handler}`, { reason: 'not_handler', handler: complaint.handler });
  }
  if (!openStatuses.includes(complaint.status)) {
    throw new Conflict('complaint_not_open', `The complaint is ${complaint.status}`, { status: complaint.status });
  }
  if (complaint.responses.length >= MAX_RESPONSES) {
    throw new Conflict('too_many_responses', `A complaint takes at most ${MAX_RESPONSES} answers`);
  }
  await auditStaffRead(deps, principal, complaint, context);
  const at = deps.now().toISOString();
  const by = { role: principal.role, ...(principal.agencyId ? { agencyId: principal.agencyId } : {}) };
  const next: StoredComplaint = {
    ...complaint,
    status: body.status,
    responses: [...complaint.responses, { at, by, message: body.message, status: body.status }],
    ...(body.status === 'resolved' ? { resolvedAt: at } : {}),
    updatedAt: at,
    version: complaint.version + 1,
  };
  await saveOrConflict(deps, next, complaint.version, [{ ...eventOf(next, at), type: 'ComplaintAnswered', status: body.status, message: body.message }]);
  return view(next, true);
}

/** The citizen rates how it was resolved, which closes it. */
export async function rateResolution(deps: ComplaintDeps, principal: Principal, complaintId: string, body: { rating: number; comment?: string }) {
  const complaint = await visible(deps, principal, complaintId);
  if (!isComplainant(principal, complaint)) {
    throw new NotFound('complaint_not_found', `No complaint ${complaintId} that you may see`);
  }
  if (complaint.resolutionRating) {
    throw new Conflict('already_rated', 'You have rated this complaint already; a complaint is rated once', { rating: complaint.resolutionRating.rating });
  }
  if (complaint.status !== 'resolved') {
    throw new Conflict('complaint_not_resolved', `Rate a complaint once it is resolved; it is ${complaint.status}`, { status: complaint.status });
  }
  const at = deps.now().toISOString();
  const next: StoredComplaint = {
    ...complaint,
    status: 'closed',
    resolutionRating: { rating: body.rating, ...(body.comment ? { comment: body.comment } : {}), at },
    closedAt: at,
    updatedAt: at,
    version: complaint.version + 1,
  };
  await saveOrConflict(deps, next, complaint.version, []);
  return view(next, false);
}

/**
 * Scheduled (time injected through deps.now): every complaint an agency has left unresolved past its SLA goes to
 * the e-Government Unit, once; its ComplaintEscalated event notifies the citizen, the operators and the agency.
 */
export async function escalateOverdueComplaints(deps: Pick<ComplaintDeps, 'store' | 'now'>): Promise<{ escalated: string[] }> {
  const now = deps.now().toISOString();
  const escalated: string[] = [];
  for (const complaintId of await deps.store.overdue(now, 100)) {
    const complaint = await deps.store.get(complaintId);
    if (!complaint || !isWatched(complaint) || complaint.dueAt > now) {
      continue;
    }
    const next: StoredComplaint = { ...complaint, status: 'escalated', handler: EGOV_UNIT, escalatedAt: now, updatedAt: now, version: complaint.version + 1 };
    try {
      await deps.store.save(next, complaint.version, [{ ...eventOf(next, now), type: 'ComplaintEscalated' }]);
      escalated.push(complaintId);
    } catch (error) {
      // Answered meanwhile: the next sweep looks again.
      if (!(error instanceof VersionConflict)) {
        throw error;
      }
    }
  }
  return { escalated };
}
