// "Rate your experience": the applicant rates an ended application once; operators read the ratings per
// quarter, per service and per agency that owns it. No AWS types here.
import { actingPerson, actsAsApplicant } from '../../applications/domain/applicant';
import { terminalStatuses } from '../../../schemas/applications';
import type { StoredApplication } from '../../applications/domain/applications';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../shared/errors';
import type { Principal } from '../../shared/identity';
import { quarterOf } from '../../shared/amman-time';
import { byCodeUnit } from '../../shared/order';

export type Score = 1 | 2 | 3 | 4 | 5;

export interface StoredFeedback {
  readonly applicationId: string;
  readonly serviceId: string;
  readonly agencyId: string;
  readonly applicant: { readonly kind: 'persons' | 'residents'; readonly recordId: string };
  readonly rating: Score;
  readonly comment?: string;
  readonly quarter: string;
  readonly createdAt: string;
}

export interface RatingCounters {
  readonly count: number;
  readonly sum: number;
  readonly distribution: Readonly<Record<Score, number>>;
}

export class AlreadyRated extends Error {}

export interface FeedbackStore {
  /** Saves the application's one rating and adds it to its service's and agency's counters of the quarter, together; AlreadyRated if rated. */
  rate(feedback: StoredFeedback): Promise<void>;
  quarter(quarter: string): Promise<{ services: Map<string, RatingCounters>; agencies: Map<string, RatingCounters> }>;
}

export interface FeedbackDeps {
  readonly store: FeedbackStore;
  readonly applications: { get(applicationId: string): Promise<StoredApplication | undefined> };
  /** The agency that owns a service, as the catalogue has it now. */
  readonly owningAgency: (serviceId: string) => Promise<string | undefined>;
  readonly now: () => Date;
}

const MAX_QUARTERS = 8;

/**
 * Primary course:
 * 1. Only the applicant rates, an application they submitted that has ended (approved, rejected or cancelled).
 * 2. The rating counts for the service, the agency that owns it, and the quarter it is given in (Amman time).
 * 3. It is saved once, with those counters, in one write; a second rating is refused.
 */
export async function rateApplication(
  deps: FeedbackDeps,
  principal: Principal,
  applicationId: string,
  body: { rating: number; comment?: string },
): Promise<Omit<StoredFeedback, 'applicant'>> {
  const application = await deps.applications.get(applicationId);
  const subject = principal.subject;
  if (!application || principal.role !== 'citizen' || !actsAsApplicant(subject, application)) {
    throw new NotFound('application_not_found', `No application ${applicationId} that you may see`);
  }
  if (!application.submittedAt || !terminalStatuses.includes(application.status)) {
    throw new Conflict('application_not_ended', 'Rate an application once it is approved, rejected or cancelled after submission', { status: application.status });
  }
  const now = deps.now();
  const feedback: StoredFeedback = {
    applicationId,
    serviceId: application.serviceId,
    agencyId: (await deps.owningAgency(application.serviceId)) ?? application.stages[0]?.steps[0]?.agencyId ?? 'unknown',
    applicant: actingPerson(application),
    rating: body.rating as Score,
    ...(body.comment ? { comment: body.comment } : {}),
    quarter: quarterOf(now),
    createdAt: now.toISOString(),
  };
  try {
    await deps.store.rate(feedback);
  } catch (error) {
    if (error instanceof AlreadyRated) {
      throw new Conflict('already_rated', 'You have rated this application already');
    }
    throw error;
  }
  const { applicant: _applicant, ...view } = feedback;
  return view;
}

const quarterIndex = (quarter: string) => Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1;
const quarterAt = (index: number) => `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;

function stats(counters: RatingCounters) {
  return { count: counters.count, average: counters.count ? Math.round((counters.sum / counters.count) * 100) / 100 : 0, distribution: { ...counters.distribution } };
}

/** Operators: the quarters from `from` to `to` (default: the current quarter), each with its services and agencies. */
export async function feedbackSummary(deps: Pick<FeedbackDeps, 'store' | 'now'>, principal: Principal, query: { from?: string; to?: string }) {
  if (principal.role !== 'operator') {
    throw new Forbidden('Operators read satisfaction ratings', { reason: 'role' });
  }
  const to = query.to ?? query.from ?? quarterOf(deps.now());
  const from = query.from ?? to;
  const span = quarterIndex(to) - quarterIndex(from) + 1;
  if (span < 1 || span > MAX_QUARTERS) {
    throw new BadRequest('quarter_range', `from must not be after to, and at most ${MAX_QUARTERS} quarters apart`, { from, to });
  }
  const quarters = Array.from({ length: span }, (_, offset) => quarterAt(quarterIndex(from) + offset));
  return {
    quarters: await Promise.all(
      quarters.map(async (quarter) => {
        const { services, agencies } = await deps.store.quarter(quarter);
        return {
          quarter,
          services: [...services].sort(([a], [b]) => byCodeUnit(a, b)).map(([serviceId, counters]) => ({ serviceId, ...stats(counters) })),
          agencies: [...agencies].sort(([a], [b]) => byCodeUnit(a, b)).map(([agencyId, counters]) => ({ agencyId, ...stats(counters) })),
        };
      }),
    ),
  };
}
