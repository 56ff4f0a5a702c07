// The completed two-agency application, measured in the in-process local cloud: a citizen submits, each
// agency's officer opens the inbox and approves each step as it opens, the citizen reads the result; every
// invocation, capacity unit, message, event, transition and log byte it causes until the cloud is quiet.
import { workers } from '../../lib/catalogue/workers';
import { type TableId, tableName } from '../../lib/platform/tables';
import { type BenchCloud, STAGE } from '../harness/local-cloud';
import type { Invocation, Usage } from '../harness/meter';
import { type CloudClient, SERVICE_ID, until, vehicleStages, vehicleSteps } from '../client';

export interface InvocationFigure {
  readonly fn: string;
  readonly kind: 'http' | 'worker';
  readonly count: number;
  /** Sum of the invocations' billed milliseconds (each rounded up to 1 ms, as Lambda bills). */
  readonly billedMs: number;
  /** Measured here, or a stand-in when the local cloud gives no handle on the handler (see `note`). */
  readonly note?: string;
}

export interface JourneyFigures {
  readonly applicationId: string;
  readonly service: { readonly id: string; readonly agencies: number; readonly stages: number; readonly steps: number };
  readonly apiRequests: Record<string, number>;
  readonly invocations: readonly InvocationFigure[];
  readonly usage: Usage;
  readonly byIndex: Record<string, { read: number; write: number }>;
  readonly transitions: { readonly total: number; readonly byState: Record<string, number> };
  readonly queueMessages: Record<string, number>;
  readonly busEvents: number;
  readonly logBytes: number;
  /** HTTP invocations of the journey, for the per-operation capacity figures. */
  readonly httpCalls: ReadonlyArray<Pick<Invocation, 'label' | 'readCapacity' | 'writeCapacity' | 'dbCalls' | 'status'>>;
}

export async function runJourney(cloud: BenchCloud, client: CloudClient): Promise<JourneyFigures> {
  const { meter } = cloud;
  const before = snapshot(cloud);
  const submitted = await client.submit();
  if (submitted.status !== 201) {
    throw new Error(`submitting the two-agency application answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  }
  const applicationId: string = submitted.body.applicationId;
  for (const stage of vehicleStages) {
    await Promise.all(stage.map((step) => until(`task ${step.stepId}`, async () => ((await client.taskStatus(`${applicationId}.${step.stepId}`)) === 'open' ? true : undefined))));
    for (const step of stage) {
      await officerDecides(client, step.agencyId, `${applicationId}.${step.stepId}`);
    }
  }
  await until('the application approved', async () => ((await client.status(applicationId)) === 'approved' ? true : undefined));
  await client.call(`/v1/applications/${applicationId}`, 'citizen');
  await meter.quiet(1_000);
  return measure(cloud, before, applicationId);
}

/** What an officer does for one task: open the inbox, find it, approve it. */
async function officerDecides(client: CloudClient, agencyId: string, taskId: string): Promise<void> {
  const inbox = await client.inboxPage(agencyId, 20);
  if (!inbox.body?.items?.some((task: { taskId: string }) => task.taskId === taskId)) {
    throw new Error(`task ${taskId} is not in ${agencyId}'s inbox`);
  }
  const decided = await client.decide(agencyId, taskId);
  if (decided.status !== 200) {
    throw new Error(`deciding ${taskId} answered ${decided.status}`);
  }
}

function snapshot(cloud: BenchCloud) {
  const { meter } = cloud;
  return {
    invocations: meter.invocations.length,
    background: { ...meter.background },
    byIndex: new Map([...meter.byIndex].map(([key, value]) => [key, { ...value }])),
    messages: meter.messages.length,
    events: meter.events.length,
    outboxWrites: new Map(meter.outboxWrites),
    logBytes: meter.logBytes,
  };
}

function measure(cloud: BenchCloud, before: ReturnType<typeof snapshot>, applicationId: string): JourneyFigures {
  const { meter } = cloud;
  const invoked = meter.invocations.slice(before.invocations);
  const usage = invoked.reduce(addUsage, subtractUsage(meter.background, before.background));
  const transitions = (cloud.transitions.get(applicationId) ?? []).filter((transition) => transition.type !== 'StateExited');
  const byState: Record<string, number> = {};
  for (const transition of transitions) {
    byState[transition.state] = (byState[transition.state] ?? 0) + 1;
  }
  return {
    applicationId,
    service: { id: SERVICE_ID, agencies: new Set(vehicleSteps.map((step) => step.agencyId)).size, stages: vehicleStages.length, steps: vehicleSteps.length },
    apiRequests: countBy(invoked.filter((call) => call.kind === 'http').map((call) => call.label!)),
    invocations: [...groupInvocations(invoked), ...untracked(cloud, before, invoked)],
    usage,
    byIndex: Object.fromEntries(
      [...meter.byIndex].map(([key, value]) => [key, { read: value.read - (before.byIndex.get(key)?.read ?? 0), write: value.write - (before.byIndex.get(key)?.write ?? 0) }]).filter(([, value]) => (value as { read: number }).read || (value as { write: number }).write),
    ),
    transitions: { total: transitions.length, byState },
    queueMessages: countBy(meter.messages.slice(before.messages).map((message) => message.queue)),
    busEvents: meter.events.length - before.events,
    logBytes: meter.logBytes - before.logBytes,
    httpCalls: invoked.filter((call) => call.kind === 'http').map(({ label, readCapacity, writeCapacity, dbCalls, status }) => ({ label, readCapacity, writeCapacity, dbCalls, status })),
  };
}

const billed = (call: Invocation) => Math.max(1, Math.ceil(call.ms - call.childMs));

function groupInvocations(invoked: readonly Invocation[]): InvocationFigure[] {
  const groups = new Map<string, { kind: Invocation['kind']; count: number; billedMs: number }>();
  for (const call of invoked) {
    const group = groups.get(call.fn) ?? { kind: call.kind, count: 0, billedMs: 0 };
    group.count += 1;
    group.billedMs += billed(call);
    groups.set(call.fn, group);
  }
  return [...groups].map(([fn, group]) => ({ fn, ...group }));
}

/**
 * Functions the local cloud calls without a handle for the meter: stream consumers other than the publisher
 * (one invocation per outbox write, timed as the publisher's median).
 */
function untracked(cloud: BenchCloud, before: ReturnType<typeof snapshot>, invoked: readonly Invocation[]): InvocationFigure[] {
  const publisher = invoked.filter((call) => call.fn === 'publish-outbox').map(billed).sort((a, b) => a - b);
  const standIn = publisher[Math.floor(publisher.length / 2)] ?? 1;
  const others = workers
    .filter((worker) => worker.trigger.kind === 'stream' && !worker.publishesEvents)
    .map((worker) => {
      const table = tableName(STAGE, (worker.trigger as { table: TableId }).table);
      return { fn: worker.id, count: (cloud.meter.outboxWrites.get(table) ?? 0) - (before.outboxWrites.get(table) ?? 0) };
    })
    .filter((entry) => entry.count > 0)
    .map((entry) => ({ ...entry, kind: 'worker' as const, billedMs: entry.count * standIn, note: "one per outbox write, timed as the publisher's median" }));
  return others;
}

function addUsage(total: Usage, call: Usage): Usage {
  return {
    readCapacity: total.readCapacity + call.readCapacity,
    writeCapacity: total.writeCapacity + call.writeCapacity,
    dbCalls: total.dbCalls + call.dbCalls,
    failedConditionalWrites: total.failedConditionalWrites + call.failedConditionalWrites,
  };
}

function subtractUsage(after: Usage, before: Usage): Usage {
  return addUsage(after, { readCapacity: -before.readCapacity, writeCapacity: -before.writeCapacity, dbCalls: -before.dbCalls, failedConditionalWrites: -before.failedConditionalWrites });
}

function countBy(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) {
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
