// Section 4: DynamoDB capacity units per API operation and per completed two-agency application, against
// bench/budgets.json. Measured with ReturnConsumedCapacity on the handlers' own client in the in-process
// local cloud: DynamoDB Local sizes items, counts index writes and doubles transactional units as DynamoDB does,
// but adds up only the distinct per-item units of a transaction; the meter counts those puts itself
// (bench/harness/item-size.ts).
import { judge, median, type Row, type SectionResult } from '../rows';
import type { JourneyFigures } from './journey';

export interface CapacityBudget {
  readonly tolerance: number;
  readonly perOperation: Readonly<Record<string, { readonly read: number; readonly write: number }>>;
  readonly perApplication: { readonly read: number; readonly write: number };
  /** DynamoDB calls (round trips) per HTTP call, averaged, of the routes that have such a budget (no tolerance). */
  readonly maxDbCallsPerOperation?: Readonly<Record<string, number>>;
}

export interface HttpCall {
  readonly label?: string;
  readonly readCapacity: number;
  readonly writeCapacity: number;
  readonly dbCalls: number;
}

export interface OperationCapacity {
  readonly operation: string;
  readonly calls: number;
  /** Per call, averaged. */
  readonly read: number;
  readonly write: number;
  readonly dbCalls: number;
}

export interface CapacityFigures {
  readonly how: string;
  readonly perOperation: readonly OperationCapacity[];
  readonly perApplication: { readonly read: number; readonly write: number; readonly failedConditionalWrites: number; readonly byIndex: JourneyFigures['byIndex'] };
}

export const CAPACITY_HOW =
  'ReturnConsumedCapacity=INDEXES added by an SDK middleware to the handlers\' DynamoDB client, in-process local cloud on DynamoDB Local; catalogue cache off (cache misses); a refused conditional write counted as 1 WCU';

export function capacitySection(journeys: readonly JourneyFigures[], calls: readonly HttpCall[], budget: CapacityBudget): SectionResult<CapacityFigures> {
  const typical = [...journeys].sort((a, b) => a.usage.writeCapacity - b.usage.writeCapacity)[Math.floor(journeys.length / 2)]!;
  const perOperation = groupCalls(calls);
  const perApplication = {
    read: median(journeys.map((journey) => journey.usage.readCapacity)),
    write: median(journeys.map((journey) => journey.usage.writeCapacity)),
    failedConditionalWrites: typical.usage.failedConditionalWrites,
    byIndex: typical.byIndex,
  };
  const rows: Row[] = [...perOperation.map((operation) => operationRow(operation, budget)), applicationRow(perApplication, budget, typical)];
  return { rows, data: { how: CAPACITY_HOW, perOperation, perApplication } };
}

function groupCalls(calls: readonly HttpCall[]): OperationCapacity[] {
  const groups = new Map<string, HttpCall[]>();
  for (const call of calls) {
    groups.set(call.label ?? '?', [...(groups.get(call.label ?? '?') ?? []), call]);
  }
  const average = (list: readonly HttpCall[], pick: (call: HttpCall) => number) => Math.round((list.reduce((sum, call) => sum + pick(call), 0) / list.length) * 100) / 100;
  return [...groups].map(([operation, list]) => ({
    operation,
    calls: list.length,
    read: average(list, (call) => call.readCapacity),
    write: average(list, (call) => call.writeCapacity),
    dbCalls: average(list, (call) => call.dbCalls),
  }));
}

const within = (measured: number, budgeted: number, tolerance: number) => measured <= budgeted * (1 + tolerance) + 1e-9;

function operationRow(operation: OperationCapacity, budget: CapacityBudget): Row {
  const budgeted = budget.perOperation[operation.operation];
  const maxCalls = budget.maxDbCallsPerOperation?.[operation.operation];
  const unitsKept = budgeted && within(operation.read, budgeted.read, budget.tolerance) && within(operation.write, budgeted.write, budget.tolerance);
  const callsKept = maxCalls === undefined || operation.dbCalls <= maxCalls;
  return {
    section: 'Capacity',
    item: operation.operation,
    measured: `${operation.read} RCU, ${operation.write} WCU per call`,
    budget: budgeted ? `≤ ${budgeted.read} RCU, ${budgeted.write} WCU +${budget.tolerance * 100}%${maxCalls === undefined ? '' : `; ≤ ${maxCalls} DynamoDB calls`}` : 'none',
    verdict: budgeted ? judge(Boolean(unitsKept) && callsKept) : 'FAIL',
    note: `${operation.dbCalls} DynamoDB calls per call, ${operation.calls} calls measured${budgeted ? '' : '; no budget: add it to bench/budgets.json'}`,
  };
}

function applicationRow(measured: CapacityFigures['perApplication'], budget: CapacityBudget, journey: JourneyFigures): Row {
  const largest = Object.entries(measured.byIndex)
    .sort((a, b) => b[1].write - a[1].write)
    .slice(0, 4)
    .map(([key, units]) => `${key.replace('khidma-local-', '')} ${units.write} WCU`);
  return {
    section: 'Capacity',
    item: `completed two-agency application (${journey.service.id})`,
    measured: `${measured.read} RCU, ${measured.write} WCU`,
    budget: `≤ ${budget.perApplication.read} RCU, ${budget.perApplication.write} WCU +${budget.tolerance * 100}%`,
    verdict: judge(within(measured.read, budget.perApplication.read, budget.tolerance) && within(measured.write, budget.perApplication.write, budget.tolerance)),
    note: `${journey.service.agencies} agencies, ${journey.service.stages} stages, ${journey.service.steps} steps, submit to notifications; largest writes: ${largest.join(', ')}; ${measured.failedConditionalWrites} refused conditional writes`,
  };
}
