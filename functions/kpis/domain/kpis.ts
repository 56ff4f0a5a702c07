// KPIs from the domain events: counting each event once into its cells, replaying the event history (rebuild),
// and reading a range of months back as figures. No AWS types; the store and the catalogue are ports.
import { countedEvents } from '../../../lib/catalogue/kpi-workers';
import type { DomainEvent } from '../../../schemas/applications';
import type { KpiFigures, KpiQuery, KpiReport } from '../../../schemas/kpis';
import { ammanMonth } from '../../shared/amman-time';
import { BadRequest } from '../../shared/errors';
import {
  ALL_CELL,
  type ApplicationFacts,
  approvedDeltas,
  type CardFacts,
  cellOf,
  type Counters,
  type Delta,
  type Dimension,
  dimensions,
  endedDeltas,
  factsOf,
  stepDeltas,
  submittedDeltas,
  type TaskFacts,
} from './counting';
import { figuresOf, sumCounters } from './figures';
import { type KpiSnapshot, MemoryKpis } from './memory-kpis';

export interface KpiStore {
  facts(applicationId: string): Promise<ApplicationFacts | undefined>;
  task(taskId: string): Promise<TaskFacts | undefined>;
  rememberTask(task: TaskFacts): Promise<void>;
  /** Adds the deltas once per event id, a submission (given its facts) once per application (false: already counted); throws RebuildRunning while a rebuild runs. */
  count(eventId: string, at: Date, deltas: readonly Delta[], facts?: ApplicationFacts): Promise<boolean>;
  /** The counters of one cell per month, `from`..`to` inclusive (months without any are absent). */
  months(cell: string, from: string, to: string): Promise<Map<string, Counters>>;
  startRebuild(at: Date): Promise<void>;
  endRebuild(): Promise<void>;
  /** Deletes every cell (the rebuild's replay replaces them). */
  clear(): Promise<{ cells: number }>;
  /** Writes a rebuilt state: cells (replacing), application and task facts, and a marker per counted event. */
  write(snapshot: KpiSnapshot, at: Date): Promise<void>;
}

/** Counting waits while the aggregates are rebuilt: the event fails and the bus delivers it again later. */
export class RebuildRunning extends Error {
  override readonly name = 'RebuildRunning';
  constructor() {
    super('A KPI rebuild is running; the event is counted when it is delivered again');
  }
}

/** An event arrived before the submission it follows was counted: the bus delivers it again later. */
export class FactsMissing extends Error {
  override readonly name = 'FactsMissing';
}

export interface CountingDeps {
  readonly store: KpiStore;
  /** The card the application was submitted under (its version when the event names it, else the current one). */
  card(serviceId: string, version?: number): Promise<CardFacts | undefined>;
}


async function requireFacts(deps: CountingDeps, event: DomainEvent): Promise<ApplicationFacts> {
  const facts = await deps.store.facts(event.applicationId);
  if (!facts) {
    throw new FactsMissing(`Application ${event.applicationId}'s submission is not counted yet (${event.type} ${event.eventId})`);
  }
  return facts;
}

/** Counts one event into its cells; true when it added something now. */
export async function countEvent(deps: CountingDeps, event: DomainEvent): Promise<boolean> {
  const at = new Date(event.at);
  switch (event.type) {
    case 'ApplicationSubmitted': {
      const card = await deps.card(event.serviceId, event.serviceVersion);
      if (!card) {
        throw new FactsMissing(`No card of service ${event.serviceId}`);
      }
      const facts = factsOf(event, card);
      return deps.store.count(event.eventId, at, submittedDeltas(facts), facts);
    }
    case 'ApplicationApproved':
      return deps.store.count(event.eventId, at, approvedDeltas(await requireFacts(deps, event), event.at));
    case 'ApplicationRejected':
      return deps.store.count(event.eventId, at, endedDeltas(await requireFacts(deps, event), event.at, 'rejected'));
    case 'ApplicationCancelled': {
      // A draft cancelled before submission was never an application: nothing to count.
      const facts = await deps.store.facts(event.applicationId);
      return facts ? deps.store.count(event.eventId, at, endedDeltas(facts, event.at, 'cancelled')) : false;
    }
    case 'TaskAssigned':
      await deps.store.rememberTask({ taskId: event.taskId, assignedAt: event.at, dueAt: event.dueAt });
      return false;
    case 'TaskDecided': {
      const facts = await requireFacts(deps, event);
      const task = await deps.store.task(event.taskId);
      if (!task) {
        throw new FactsMissing(`Task ${event.taskId}'s assignment is not recorded yet`);
      }
      return deps.store.count(event.eventId, at, stepDeltas(facts, task, event.agencyId, event.at));
    }
    default:
      return false;
  }
}

/** The event history, one application at a time with its events in the order they happened. */
export type EventHistory = AsyncIterable<readonly DomainEvent[]>;

/** Facts, tasks and counted markers are written every this many: with the cells, what the rebuild holds in memory. */
export const REBUILD_BATCH = 1_000;

/**
 * Recomputes every aggregate from the event history through the same counting as the live path: stops live
 * counting (its events wait and are delivered again), replays the history one application at a time, writing its
 * facts, tasks and counted markers in batches as it goes (memory: the cells, one batch, one application's events),
 * then replaces the stored cells with the replay's and lets counting resume. Markers are not cleared: each one
 * stands for an event counted live or by this replay (which rewrites its own), and one the replay could not count
 * keeps a redelivery from counting it either; they expire after 35 days.
 */
export async function rebuildKpis(deps: CountingDeps, history: EventHistory, now: Date, batch = REBUILD_BATCH): Promise<{ events: number; counted: number; cells: number }> {
  await deps.store.startRebuild(now);
  try {
    const memory = new MemoryKpis();
    const replay: CountingDeps = { store: memory as unknown as KpiStore, card: deps.card };
    let events = 0;
    let counted = 0;
    for await (const applicationEvents of history) {
      for (const event of applicationEvents) {
        events++;
        if (countedEvents.includes(event.type as (typeof countedEvents)[number]) && (await countEvent(replay, event).catch(skipIncomplete))) {
          counted++;
        }
      }
      if (memory.pending() >= batch) {
        await deps.store.write(memory.drain(), now);
      }
    }
    await deps.store.write(memory.drain(), now);
    const snapshot = memory.snapshot();
    await deps.store.clear();
    await deps.store.write(snapshot, now);
    return { events, counted, cells: snapshot.cells.size };
  } finally {
    await deps.store.endRebuild();
  }
}

/** In the history an event without its submission (an application older than the counter's facts) stays uncounted, as live. */
function skipIncomplete(error: unknown): false {
  if (error instanceof FactsMissing) {
    return false;
  }
  throw error;
}

// --- Reading ---

const MAX_MONTHS = 36;

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthAt = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
const quarterOfMonth = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

export interface RatingTotals {
  readonly count: number;
  readonly sum: number;
}

export interface ReadingDeps {
  readonly store: Pick<KpiStore, 'months'>;
  /** A quarter's ratings per service and per owning agency. */
  ratings(quarter: string): Promise<{ services: Map<string, RatingTotals>; agencies: Map<string, RatingTotals> }>;
  readonly now: () => Date;
}

function selection(query: KpiQuery): { dimension: Dimension | 'all'; value?: string } {
  const given = dimensions.filter((dimension) => query[dimension] !== undefined);
  if (given.length > 1) {
    throw new BadRequest('kpi_filters', 'Filter by at most one of service, agency, phase and channel', { given });
  }
  const dimension = given[0];
  return dimension ? { dimension, value: String(query[dimension]) } : { dimension: 'all' };
}

function monthRange(query: KpiQuery, now: Date): string[] {
  const to = query.to ?? (query.from && monthIndex(query.from) + 11 < monthIndex(ammanMonth(now)) ? monthAt(monthIndex(query.from) + 11) : ammanMonth(now));
  const from = query.from ?? monthAt(monthIndex(to) - 11);
  const span = monthIndex(to) - monthIndex(from) + 1;
  if (span < 1 || span > MAX_MONTHS) {
    throw new BadRequest('month_range', `from must not be after to, and at most ${MAX_MONTHS} months apart`, { from, to });
  }
  return Array.from({ length: span }, (_, offset) => monthAt(monthIndex(from) + offset));
}

async function satisfaction(deps: ReadingDeps, months: readonly string[], chosen: { dimension: string; value?: string }): Promise<KpiReport['satisfaction']> {
  if (chosen.dimension !== 'all' && chosen.dimension !== 'service' && chosen.dimension !== 'agency') {
    return [];
  }
  const quarters = [...new Set(months.map(quarterOfMonth))];
  return Promise.all(
    quarters.map(async (quarter) => {
      const { services, agencies } = await deps.ratings(quarter);
      const totals =
        chosen.dimension === 'all'
          ? [...agencies.values()]
          : [(chosen.dimension === 'service' ? services : agencies).get(chosen.value!) ?? { count: 0, sum: 0 }];
      const ratings = totals.reduce((sum, total) => sum + total.count, 0);
      const scores = totals.reduce((sum, total) => sum + total.sum, 0);
      return { quarter, ratings, average: ratings > 0 ? Math.round((scores / ratings) * 100) / 100 : null };
    }),
  );
}

/** A range of months of one cell (everything, or one service, agency, phase or channel), and its total. */
export async function kpiReport(deps: ReadingDeps, query: KpiQuery, present: (counters: Counters) => KpiFigures = figuresOf): Promise<KpiReport> {
  const chosen = selection(query);
  const months = monthRange(query, deps.now());
  const cell = chosen.dimension === 'all' ? ALL_CELL : cellOf(chosen.dimension, chosen.value!);
  const stored = await deps.store.months(cell, months[0]!, months[months.length - 1]!);
  return {
    ...chosen,
    from: months[0]!,
    to: months[months.length - 1]!,
    total: present(sumCounters([...stored.values()])),
    months: months.map((month) => ({ month, ...present(stored.get(month) ?? {}) })),
    satisfaction: await satisfaction(deps, months, chosen),
  };
}
