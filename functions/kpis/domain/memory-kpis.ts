// The KPI store in memory: the rebuild replays the event history into it through the live path's counting. The
// cells (bounded: cells × months) stay until the end; each application's facts, tasks and counted markers are
// needed only while its own events replay, so the rebuild drains them in batches (far fewer round trips than one
// transaction per event, and memory that does not grow with the history).
import { type ApplicationFacts, type Counters, type Delta, isMixCell, mixCovers, type TaskFacts } from './counting';
import { sumCounters } from './figures';

export interface KpiSnapshot {
  readonly cells: ReadonlyMap<string, { cell: string; month: string; counters: Counters }>;
  readonly facts: readonly ApplicationFacts[];
  readonly tasks: readonly TaskFacts[];
  readonly counted: readonly string[];
}

/** Has the counting half of KpiStore (see kpis.ts). */
export class MemoryKpis {
  private readonly cells = new Map<string, { cell: string; month: string; counters: Record<string, number> }>();
  private readonly applications = new Map<string, ApplicationFacts>();
  private readonly tasks = new Map<string, TaskFacts>();
  private readonly counted = new Set<string>();

  async facts(applicationId: string) {
    return this.applications.get(applicationId);
  }

  async task(taskId: string) {
    return this.tasks.get(taskId);
  }

  async rememberTask(task: TaskFacts) {
    this.tasks.set(task.taskId, task);
  }

  /** As the DynamoDB store: a submission is counted once per application (its facts are its marker), any other event once per id. */
  async count(eventId: string, _at: Date, deltas: readonly Delta[], facts?: ApplicationFacts) {
    if (facts ? this.applications.has(facts.applicationId) : this.counted.has(eventId)) {
      return false;
    }
    if (facts) {
      this.applications.set(facts.applicationId, facts);
    } else {
      this.counted.add(eventId);
    }
    for (const delta of deltas) {
      const key = `${delta.cell}|${delta.month}`;
      const cell = this.cells.get(key) ?? { cell: delta.cell, month: delta.month, counters: {} };
      for (const [name, value] of Object.entries(delta.counters)) {
        if (value !== 0) {
          cell.counters[name] = (cell.counters[name] ?? 0) + value;
        }
      }
      this.cells.set(key, cell);
    }
    return true;
  }

  async months(cell: string, from: string, to: string) {
    const months = new Map<string, Counters>();
    for (const entry of this.cells.values()) {
      if ((entry.cell === cell || (isMixCell(entry.cell) && mixCovers(cell, entry.cell))) && entry.month >= from && entry.month <= to) {
        months.set(entry.month, sumCounters([months.get(entry.month) ?? {}, entry.counters]));
      }
    }
    return months;
  }

  /** How many facts, tasks and markers wait to be drained. */
  pending(): number {
    return this.applications.size + this.tasks.size + this.counted.size;
  }

  /** The facts, tasks and markers so far (no cells), forgotten here. Call between applications only. */
  drain(): KpiSnapshot {
    const drained = { cells: new Map(), facts: [...this.applications.values()], tasks: [...this.tasks.values()], counted: [...this.counted] };
    this.applications.clear();
    this.tasks.clear();
    this.counted.clear();
    return drained;
  }

  /** The cells alone. */
  snapshot(): KpiSnapshot {
    return { cells: this.cells, facts: [], tasks: [], counted: [] };
  }
}
