// DynamoDB round trips and write units of every write route the in-process local cloud served during the run
// (the journeys, the cold-load tour and the events built for the cold loads), per HTTP call. Each DynamoDB call is
// a network round trip in AWS, so this is latency a citizen or an officer feels. Information: the two routes
// on the hot path are judged by the Capacity rows (bench/budgets.json maxDbCallsPerOperation).
import type { Invocation } from '../harness/meter';
import { median, ms as millis, percentile, type Row, type SectionResult } from '../rows';

export interface WriteRouteCalls {
  readonly route: string;
  /** Answered below 400. */
  readonly served: number;
  readonly refused: number;
  /** Per served call, averaged; undefined when none was served. */
  readonly dbCalls?: number;
  readonly maxDbCalls?: number;
  readonly writeCapacity?: number;
  /** Wall time of the served calls, and the part spent waiting on DynamoDB (p50 of each call's sum). */
  readonly ms?: { readonly p50: number; readonly p99: number; readonly dbP50: number };
  /** Per refused call: a refusal should cost few round trips and write nothing. */
  readonly refusedDbCalls?: number;
  readonly refusedWriteCapacity?: number;
}

const round = (value: number) => Math.round(value * 100) / 100;
const average = (list: readonly Invocation[], pick: (call: Invocation) => number) => (list.length ? round(list.reduce((sum, call) => sum + pick(call), 0) / list.length) : undefined);

export function writeRouteCalls(invocations: readonly Invocation[]): WriteRouteCalls[] {
  const byRoute = new Map<string, Invocation[]>();
  for (const call of invocations) {
    if (call.kind === 'http' && call.done && call.label && !call.label.startsWith('GET ')) {
      byRoute.set(call.label, [...(byRoute.get(call.label) ?? []), call]);
    }
  }
  return [...byRoute]
    .map(([route, calls]) => {
      const served = calls.filter((call) => (call.status ?? 200) < 400);
      const refused = calls.filter((call) => (call.status ?? 200) >= 400);
      return {
        route,
        served: served.length,
        refused: refused.length,
        dbCalls: average(served, (call) => call.dbCalls),
        maxDbCalls: served.length ? Math.max(...served.map((call) => call.dbCalls)) : undefined,
        writeCapacity: average(served, (call) => call.writeCapacity),
        ms: served.length ? timing(served) : undefined,
        refusedDbCalls: average(refused, (call) => call.dbCalls),
        refusedWriteCapacity: average(refused, (call) => call.writeCapacity),
      };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

const timing = (calls: readonly Invocation[]) => ({
  p50: round(median(calls.map((call) => call.ms))),
  p99: round(percentile(calls.map((call) => call.ms), 99)),
  dbP50: round(median(calls.map((call) => call.dbMs))),
});

export function writeCallsSection(invocations: readonly Invocation[]): SectionResult<WriteRouteCalls[]> {
  const routes = writeRouteCalls(invocations);
  const rows: Row[] = routes.map((route) => ({
    section: 'Write path',
    item: route.route,
    measured: route.dbCalls === undefined ? 'not served in this run' : `${route.dbCalls} DynamoDB calls per call (at most ${route.maxDbCalls})`,
    budget: '',
    verdict: 'info',
    note: [
      route.served ? `${route.writeCapacity} WCU per call, ${route.served} served` : undefined,
      route.ms ? `in-process, one at a time: p50 ${millis(route.ms.p50)}, p99 ${millis(route.ms.p99)}, of which DynamoDB p50 ${millis(route.ms.dbP50)}` : undefined,
      route.refused ? `${route.refused} refused: ${route.refusedDbCalls} DynamoDB calls and ${route.refusedWriteCapacity} WCU each` : undefined,
    ]
      .filter(Boolean)
      .join('; '),
  }));
  return { rows, data: routes };
}
