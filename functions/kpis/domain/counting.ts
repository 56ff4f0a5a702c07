// What each domain event adds to the KPI aggregates: pure functions, no AWS types. The README states every formula.
//
// An aggregate is one (dimension, month) cell: all applications, one service, one agency, one rollout phase or
// one channel, in one Amman calendar month. An event adds to the cell of the month it happened in (Amman time).
// Three cells are written per event: its service's, its agency's and its (phase, channel) mix cell; all
// applications, a phase and a channel are each a sum of mix cells, added up when read (see `mixCovers`).
import type { DomainEvent } from '../../../schemas/applications';
import type { Channel } from '../../../schemas/services';
import { ammanDate, ammanMonth } from '../../shared/amman-time';

/** The traditional channel's cost of one application, as each service card states it. */
export interface Baseline {
  readonly visits: number;
  readonly citizenMinutes: number;
  readonly governmentCostJod: number;
  readonly citizenCostJod: number;
  readonly paperPages: number;
}

/**
 * The cost of one application on each channel of the digital service (our definition, stated in the README):
 * visits the citizen still makes, their minutes, the government's and the citizen's cost in fils, pages printed.
 * Government cost: 0.25 JOD of platform (compute, storage, messages, the officers' screen time) per application,
 * plus the assisting employee's time where one helps (kiosk attendant, service centre clerk, call-centre agent).
 */
export const digitalCost: Readonly<Record<Channel, Omit<Baseline, 'governmentCostJod' | 'citizenCostJod'> & { governmentFils: number; citizenFils: number }>> = {
  portal: { visits: 0, citizenMinutes: 20, governmentFils: 250, citizenFils: 0, paperPages: 0 },
  mobile: { visits: 0, citizenMinutes: 20, governmentFils: 250, citizenFils: 0, paperPages: 0 },
  kiosk: { visits: 1, citizenMinutes: 45, governmentFils: 750, citizenFils: 500, paperPages: 1 },
  'service-centre': { visits: 1, citizenMinutes: 60, governmentFils: 1750, citizenFils: 1000, paperPages: 1 },
  'call-centre': { visits: 0, citizenMinutes: 30, governmentFils: 1250, citizenFils: 0, paperPages: 0 },
};

/** Channels where the applicant serves themself; the others are assisted (an employee or a kiosk in a hall). */
export const selfServiceChannels: readonly Channel[] = ['portal', 'mobile'];

/** What the counter remembers of a submitted application, for the events that follow it. */
export interface ApplicationFacts {
  readonly applicationId: string;
  readonly serviceId: string;
  readonly agencyId: string;
  readonly phase: number;
  readonly channel: Channel;
  readonly submittedAt: string;
  /** The Amman date the citizen was promised (the card's SLA in working days). */
  readonly expectedCompletionDate: string;
  readonly baseline: Baseline;
}

export interface TaskFacts {
  readonly taskId: string;
  readonly assignedAt: string;
  readonly dueAt: string;
}

/** The card as the counter needs it. */
export interface CardFacts {
  readonly ownerAgencyId: string;
  readonly rolloutPhase: number;
  readonly baseline: Baseline;
}

export type Counters = Readonly<Record<string, number>>;

export interface Delta {
  /** e.g. SERVICE#passport-renewal */
  readonly cell: string;
  /** YYYY-MM, Amman */
  readonly month: string;
  readonly counters: Counters;
}

export const dimensions = ['service', 'agency', 'phase', 'channel'] as const;
export type Dimension = (typeof dimensions)[number];
export const ALL_CELL = 'ALL#all';
export const cellOf = (dimension: Dimension, value: string | number) => `${dimension.toUpperCase()}#${value}`;

const MIX = 'MIX#';
/** The cell of one (rollout phase, channel) pair: the all, phase and channel figures are sums of these. */
export const mixCellOf = (phase: number, channel: string) => `${MIX}${phase}#${channel}`;
export const isMixCell = (cell: string) => cell.startsWith(MIX);

/** Whether a read cell (all, a phase or a channel) sums the given mix cell in. */
export function mixCovers(readCell: string, mixCell: string): boolean {
  const [, phase, channel] = mixCell.split('#');
  return readCell === ALL_CELL || readCell === cellOf('phase', phase!) || readCell === cellOf('channel', channel!);
}

/** Whether a read cell is a sum of mix cells rather than a cell of its own. */
export const readsMix = (cell: string) => cell === ALL_CELL || cell.startsWith('PHASE#') || cell.startsWith('CHANNEL#');


const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/**
 * A duration's histogram bucket, in minutes: whole minutes (rounded up, at least 1) up to a day, whole hours
 * (rounded up) beyond. Percentiles read off the buckets are exact to that resolution.
 */
export function bucketMinutes(fromIso: string, toIso: string): number {
  const minutes = Math.max(1, Math.ceil((Date.parse(toIso) - Date.parse(fromIso)) / MINUTE_MS));
  return minutes <= DAY_MINUTES ? minutes : Math.ceil(minutes / 60) * 60;
}

const cellsOf = (facts: ApplicationFacts, agencyId = facts.agencyId) => [cellOf('service', facts.serviceId), cellOf('agency', agencyId), mixCellOf(facts.phase, facts.channel)];

const spread = (facts: ApplicationFacts, at: string, counters: Counters, agencyId?: string): Delta[] =>
  cellsOf(facts, agencyId).map((cell) => ({ cell, month: ammanMonth(at), counters }));

export function factsOf(event: Extract<DomainEvent, { type: 'ApplicationSubmitted' }>, card: CardFacts): ApplicationFacts {
  return {
    applicationId: event.applicationId,
    serviceId: event.serviceId,
    agencyId: card.ownerAgencyId,
    phase: card.rolloutPhase,
    channel: event.channel,
    submittedAt: event.at,
    expectedCompletionDate: event.expectedCompletionDate,
    baseline: card.baseline,
  };
}

/** What one approved application saves against the card's traditional baseline, on its channel. */
export function savingsOf(facts: ApplicationFacts): Counters {
  const digital = digitalCost[facts.channel];
  return {
    visitsAvoided: facts.baseline.visits - digital.visits,
    citizenMinutesSaved: facts.baseline.citizenMinutes - digital.citizenMinutes,
    governmentFilsSaved: Math.round(facts.baseline.governmentCostJod * 1000) - digital.governmentFils,
    citizenFilsSaved: Math.round(facts.baseline.citizenCostJod * 1000) - digital.citizenFils,
    paperPagesAvoided: facts.baseline.paperPages - digital.paperPages,
  };
}

export const submittedDeltas = (facts: ApplicationFacts): Delta[] => spread(facts, facts.submittedAt, { submitted: 1, [`via_${facts.channel}`]: 1 });

export function approvedDeltas(facts: ApplicationFacts, at: string): Delta[] {
  const withinSla = ammanDateOf(at) <= facts.expectedCompletionDate ? 1 : 0;
  return spread(facts, at, { approved: 1, withinSla, [`ct_${bucketMinutes(facts.submittedAt, at)}`]: 1, ...savingsOf(facts) });
}

export const endedDeltas = (facts: ApplicationFacts, at: string, outcome: 'rejected' | 'cancelled'): Delta[] => spread(facts, at, { [outcome]: 1 });

/** An agency step decided: its time from assignment to decision, against the step's SLA (the task's due time). */
export function stepDeltas(facts: ApplicationFacts, task: TaskFacts, agencyId: string, at: string): Delta[] {
  const withinSla = Date.parse(at) <= Date.parse(task.dueAt) ? 1 : 0;
  return spread(facts, at, { stepsDecided: 1, stepsWithinSla: withinSla, [`st_${bucketMinutes(task.assignedAt, at)}`]: 1 }, agencyId);
}

const ammanDateOf = (at: string) => ammanDate(new Date(at));
