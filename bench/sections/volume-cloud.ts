// One local cloud of the volume section, in a process of its own (the in-process cloud's handlers are singletons):
// its own DynamoDB Local, loaded with `--applications` applications and `--cards` service cards, then the SLA
// sweep and the reconciler run once over a fixed amount of work due, metered. Prints one line
// `VOLUME {json}` (its address and figures), serves the API until its stdin closes, then stops.
//   tsx bench/sections/volume-cloud.ts --data-dir /tmp/x --applications 1000 --cards 3000 --due 10
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { CloudClient, until, vehicleStages } from '../client';
import { progress } from '../progress';
import { startBenchCloud, type BenchCloud } from '../harness/local-cloud';
import { workflowAgencyIds } from '../../lib/platform/agencies';
import { tableName } from '../../lib/platform/tables';
import { environment } from '../../functions/shared/environment';
import { batchWrite, captureTemplate, cloneItems, loadCards, plannedItems, type Template } from './volume-load';

export interface VolumeCloudFigures {
  readonly address: CloudClient['address'];
  readonly applications: number;
  readonly cards: number;
  readonly loadMs: number;
  readonly itemsWritten: number;
  readonly cardsMs: number;
  /**
   * The work due: `unstarted` planted; `own` the cloud's own in-flight application (the template), due to the
   * reconciler too once the load outlasted its grace, its workflow having stopped with the workers.
   */
  readonly due: { readonly tasks: number; readonly unstarted: number; readonly own: number };
  readonly sweep: PassFigures & { readonly escalated: number };
  readonly reconciler: PassFigures & { readonly checked: number; readonly resumed: number };
  /** What the reads measure: an application, the measured agency, the citizen. */
  readonly applicationId: string;
  readonly agencyId: string;
}

export interface PassFigures {
  readonly readUnits: number;
  readonly dbCalls: number;
  readonly ms: number;
}

const DAY = 86_400_000;
// Bound before the harness captures the process's output (its handlers' logs).
const say = process.stdout.write.bind(process.stdout);
const note = (line: string) => progress(`volume ${process.argv[process.argv.indexOf('--applications') + 1]}: ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'data-dir': { type: 'string' }, applications: { type: 'string' }, cards: { type: 'string' }, due: { type: 'string' }, parallel: { type: 'string', default: '16' } },
  });
  // stdin closes when the bench is done with this cloud, and when the bench is gone (stopped, killed): then this cloud
  // stops too, even in the middle of its load (a 200,000-application load takes half an hour).
  const released = new Promise<undefined>((resolve) => process.stdin.once('end', () => resolve(undefined)).resume());
  const harness = await startBenchCloud({ dataDir: values['data-dir']!, visibilityTimeoutMs: 300, catalogueCacheSeconds: '30', inMemoryDb: true });
  try {
    const size = { applications: Number(values.applications), cards: Number(values.cards), due: Number(values.due), parallel: Number(values.parallel) };
    const loading = loadAndSweep(harness, size);
    // Abandoned when released first: its failure once the cloud stops under it is no news.
    loading.catch(() => undefined);
    const figures = await Promise.race([loading, released]);
    if (figures) {
      say(`VOLUME ${JSON.stringify(figures)}\n`);
      await released;
    }
  } catch (error) {
    // Said before stopping: the harness swallows the process's own output.
    note(`failed: ${(error as Error).stack}`);
    throw error;
  } finally {
    await harness.stop();
  }
}

async function loadAndSweep(harness: BenchCloud, size: { applications: number; cards: number; due: number; parallel: number }): Promise<VolumeCloudFigures> {
  const client = new CloudClient(harness.address);
  const agencyId = vehicleStages[0]![0]!.agencyId;
  note('local cloud up; submitting the templates');
  const templates = await realApplications(harness, client, agencyId);
  note('templates captured; loading');
  // From here the tables hold what the loader writes: no stream consumer, queue or schedule runs on it.
  await harness.workers.stop();
  note('workers stopped');
  const table = tableName('local', 'applications');
  const citizen = templates.active.application as { applicant: { recordId: string }; ownerSub?: string };
  const now = Date.now();
  const plan = {
    from: 1,
    count: size.applications,
    applicants: Math.max(1, Math.round(size.applications / 4)),
    agencies: workflowAgencyIds,
    activeEvery: 5,
    citizen: { recordId: citizen.applicant.recordId, ...(citizen.ownerSub ? { ownerSub: citizen.ownerSub } : {}) },
    now,
  };
  const started = performance.now();
  const itemsWritten = await batchWrite(client.tables, table, plannedItems(templates, plan), size.parallel);
  const loadMs = performance.now() - started;
  note(`${itemsWritten} items in ${(loadMs / 1000).toFixed(1)} s; cards`);
  const { catalogueDeps } = await import('../../functions/services/deps');
  const cardsStarted = performance.now();
  const seededCards = (await catalogueDeps.catalogue.listSummaries()).length;
  await loadCards(catalogueDeps, Math.max(0, size.cards - seededCards), 8);
  const cardsMs = performance.now() - cardsStarted;
  // The listing's snapshot, as the scheduled fold (every 5 minutes) leaves it after a day of card changes.
  const fold = await harness.meter.track('fold-catalogue-listing', 'worker', () => catalogueDeps.catalogue.foldListing(new Date()));
  note(`cards in ${(cardsMs / 1000).toFixed(1)} s, folded into the listing's snapshot (${fold.parts} part(s), ${fold.bytes} bytes); the sweeps`);
  const planted = await plantDueWork(client, templates.active, size.due, size.applications + 1);
  const submittedAt = Date.parse(templates.active.application.submittedAt ?? '');
  const due = { ...planted, own: Date.now() - submittedAt > environment().RECONCILE_GRACE_SECONDS * 1000 ? 1 : 0 };
  const sweep = await metered(harness, 'sla-sweep', async () => (await import('../../functions/applications/sla-sweep')).handler());
  const reconciler = await metered(harness, 'reconcile-applications', async () => (await import('../../functions/applications/reconcile')).handler({}));
  return {
    address: harness.address,
    applications: size.applications,
    cards: Math.max(size.cards, seededCards),
    loadMs,
    itemsWritten,
    cardsMs,
    due,
    sweep: { ...sweep.figures, escalated: sweep.result.escalated },
    reconciler: { ...reconciler.figures, checked: reconciler.result.checked, resumed: reconciler.result.resumed },
    applicationId: templates.active.application.applicationId,
    agencyId,
  };
}

/** A submission run to its first agencies' inboxes and one run to approval: the templates of the clones. */
async function realApplications(harness: BenchCloud, client: CloudClient, agencyId: string): Promise<{ active: Template; approved: Template }> {
  const submit = async () => {
    const answer = await client.submit();
    if (answer.status !== 201) {
      throw new Error(`submission answered ${answer.status}`);
    }
    return String(answer.body.applicationId);
  };
  const active = await submit();
  await until(`the first task of ${active}`, async () => (await client.openTasks(agencyId)).some((task) => task.applicationId === active) || undefined, 60_000, 200);
  const approved = await submit();
  const left = await client.driveToApproval([approved], 120_000);
  if (left.length) {
    throw new Error(`application ${approved} was not approved`);
  }
  await harness.meter.quiet(500, 60_000);
  return { active: await captureTemplate(client.tables, active), approved: await captureTemplate(client.tables, approved) };
}

/**
 * The work due, the same at every size: `count` in-flight applications whose first stage's tasks came due and
 * were not escalated, and `count` submitted 40 minutes ago whose workflow never started (no task: the request
 * died between saving the application and starting it), inside the reconciler's window and past its grace.
 */
async function plantDueWork(client: CloudClient, template: Template, count: number, from: number): Promise<{ tasks: number; unstarted: number }> {
  const now = Date.now();
  const same = Object.fromEntries(template.application.stages.flatMap((stage) => stage.steps.map((step) => [step.agencyId, step.agencyId])));
  const items = [];
  let tasks = 0;
  for (let n = 0; n < count; n++) {
    const overdue = cloneItems(template, { index: from + n, recordId: `DUE${n}`, createdAt: now - 10 * DAY, agencies: same, escalateDue: 0 });
    tasks += overdue.filter((item) => item.task && (item.task as { status: string }).status === 'open').length;
    const unstarted = cloneItems(template, { index: from + count + n, recordId: `NEW${n}`, createdAt: now - 40 * 60_000, agencies: same, escalateDue: 0 });
    items.push(overdue, unstarted.filter((item) => !item.task));
  }
  await batchWrite(client.tables, tableName('local', 'applications'), items, 4);
  return { tasks, unstarted: count };
}

async function metered<T>(harness: BenchCloud, fn: string, run: () => Promise<T>): Promise<{ result: T; figures: PassFigures }> {
  const mark = harness.meter.invocations.length;
  const started = performance.now();
  const result = await harness.meter.track(fn, 'worker', run);
  const ms = performance.now() - started;
  // The pass's own calls (a workflow it resumes runs as invocations of its own).
  const pass = harness.meter.invocations[mark]!;
  return { result, figures: { readUnits: pass.readCapacity, dbCalls: pass.dbCalls, ms } };
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    },
  );
}
