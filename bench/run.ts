// `npm run bench`: bundles, cold loads, API latency against DynamoDB Local's own rate, capacity units and cost
// per application; `-- --faults`: the fault figures; `-- --smoke`: every section for seconds (the test in npm test).
// Prints one table, writes bench/results.json (and bench/PERFORMANCE.md), exits 1 when a budget is broken.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import budgets from './budgets.json';
import prices from './prices.json';
import { ChildCloud } from './child-cloud';
import { CloudClient } from './client';
import { type Deployment, readDeployment } from './deployment';
import { type BenchCloud, startBenchCloud } from './harness/local-cloud';
import { type BenchOptions, benchDir, parseOptions } from './options';
import { progress } from './progress';
import { machine, renderTable, type RunKind, writePerformance, writeResults } from './report';
import type { Row } from './rows';
import { measureApi } from './sections/api-load';
import { type BundleFigure, measureBundles } from './sections/bundles';
import { capacitySection, type HttpCall } from './sections/capacity';
import { coldEvents, tour } from './sections/cold-events';
import { measureColdLoads } from './sections/cold-load';
import { costSection } from './sections/cost';
import { crashAndReconcile } from './sections/crash';
import { faultRow } from './sections/faults';
import { drDrillSection } from './sections/dr-rows';
import { type JourneyFigures, runJourney } from './sections/journey';
import { countNotifications } from './sections/notifications';
import { poisonMessage } from './sections/poison';
import { duplicateStorm } from './sections/storm';
import { volumeOptions, volumeSection } from './sections/volume';
import { writeCallsSection } from './sections/write-calls';
import { startAwsStub } from './harness/aws-stub';
import { startRecorder } from './harness/recorder';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

class Collector {
  readonly rows: Row[] = [];
  readonly sections: Record<string, unknown> = {};

  /** Runs one section; a section that throws is a failed row, and the others still run. */
  async section(name: string, run: () => Promise<{ rows: readonly Row[]; data: unknown } | void>): Promise<void> {
    progress(`${name}...`);
    try {
      const result = await run();
      if (result) {
        this.rows.push(...result.rows);
        this.sections[name] = result.data;
      }
    } catch (error) {
      this.rows.push({ section: name, item: 'section', measured: 'did not finish', budget: '', verdict: 'FAIL', note: (error as Error).stack?.split('\n').slice(0, 3).join(' ') });
    }
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'khidma-bench-'));
  const collector = new Collector();
  progress(options.partial ? 'reading the CDK app' : `starting the local cloud (child process)${options.main ? ', reading the CDK app' : ''}`);
  const child = options.partial ? undefined : ChildCloud.start(options.faults ? 5 : 3600);
  child?.catch(() => undefined);
  const clouds: { harness?: BenchCloud } = {};
  try {
    await Promise.race([runSections(collector, options, scratch, child, clouds), stopSignal()]);
  } finally {
    await clouds.harness?.stop();
    await (await child?.catch(() => undefined))?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
  return report(collector, options, started);
}

/** Ctrl-C or a timeout unwinds through main's `finally`, so no DynamoDB Local or child cloud is left behind. */
function stopSignal(): Promise<never> {
  return new Promise((_, reject) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => reject(new Error(`stopped by ${signal}`)));
    }
  });
}

async function runSections(collector: Collector, options: BenchOptions, scratch: string, child: Promise<ChildCloud> | undefined, clouds: { harness?: BenchCloud }): Promise<void> {
  const deployment = options.main ? readDeployment() : undefined;
  const functions = deployment?.functions.filter((fn) => !options.functions || options.functions.includes(fn.id)) ?? [];
  progress(`bundling ${functions.length} functions, starting the in-process local cloud`);
  const bundles = options.main ? measureBundles(functions, path.join(scratch, 'bundles'), budgets.bundle) : undefined;
  const harness = (clouds.harness = await startBenchCloud({ dataDir: path.join(scratch, 'harness'), visibilityTimeoutMs: 300 }));
  progress('in-process local cloud ready');
  if (deployment && bundles) {
    await inProcessSections(collector, harness, deployment, await bundles, options);
  }
  if (options.faults) {
    const client = new CloudClient(harness.address);
    await collector.section('Fault: poison message', async () => faultSection(await poisonMessage(harness, client, options.poison)));
  }
  await harness.stop();
  clouds.harness = undefined;
  if (!child) {
    return;
  }
  await childSections(collector, await child, options);
  if (options.main) {
    // Two local clouds of its own (the bulk data stays out of the other sections).
    await collector.section('volume', () => volumeSection(volumeOptions(options.smoke), budgets.volume, scratch));
  }
  const dr = options.faults ? options.dr : undefined;
  if (dr) {
    // The drill starts two local clouds of its own: the child one stops first.
    await (await child).stop();
    await collector.section('Fault: primary region lost', () => drDrillSection(dr, progress));
  }
}

const faultSection = (figure: Parameters<typeof faultRow>[0]) => ({ rows: [faultRow(figure)], data: figure });

async function inProcessSections(collector: Collector, harness: BenchCloud, deployment: Deployment, bundles: Awaited<ReturnType<typeof measureBundles>>, options: BenchOptions): Promise<void> {
  collector.rows.push(...bundles.rows);
  collector.sections.bundles = bundles.data;
  const client = new CloudClient(harness.address);
  const journeys: JourneyFigures[] = [];
  const notifications = { emails: 0, sms: 0 };
  const calls: HttpCall[] = [];
  await collector.section('journey', async () => {
    progress(`${options.journeys} two-agency application(s), metered`);
    Object.assign(notifications, await countNotifications(harness.dataDir, async () => {
      for (let index = 0; index < options.journeys; index++) {
        journeys.push(await runJourney(harness, client));
      }
    }));
    const mark = harness.meter.invocations.length;
    for (let call = 0; call < 3; call++) {
      await client.call('/v1/services');
      await client.call(`/v1/services/${journeys[0]!.service.id}`);
    }
    calls.push(...journeys.flatMap((journey) => journey.httpCalls), ...harness.meter.invocations.slice(mark).filter((call) => call.kind === 'http'));
    return { rows: [], data: journeys.at(-1) };
  });
  const last = journeys.at(-1);
  if (!last) {
    return;
  }
  await collector.section('capacity', async () => capacitySection(journeys, calls, budgets.capacity));
  await collector.section('cost', async () => costSection(last, deployment, prices, budgets.cost, { emails: notifications.emails / journeys.length, sms: notifications.sms / journeys.length }, !options.smoke));
  await collector.section('coldLoad', () => coldLoadSection(harness, client, deployment, bundles.data, last.applicationId, options));
  // After the cold-load tour, which called the routes the journeys do not.
  await collector.section('writePath', async () => writeCallsSection(harness.meter.invocations));
}

async function coldLoadSection(harness: BenchCloud, client: CloudClient, deployment: Deployment, bundles: readonly BundleFigure[], applicationId: string, options: BenchOptions) {
  const functions = deployment.functions.filter((fn) => bundles.some((figure) => figure.id === fn.id));
  const perRun = await tour(harness, client, options.coldRuns, (id) => functions.some((fn) => fn.id === id));
  const events = await coldEvents(harness, client, functions, { runs: options.coldRuns, applicationId, perRun });
  // notify-payment's cold start reads the provider's key with GetSecretValue: the key the tour's notifications are signed with.
  const stub = await startAwsStub({ secretString: harness.paymentNotificationSecret });
  const { address } = harness;
  const recorder = await startRecorder(address.dynamoDbEndpoint);
  // Cognito too (a staff route asks it whether the caller's MFA is on): the reference replays those calls as well.
  const identity = await startRecorder(address.cognitoEndpoint);
  // And the payment provider's stand-in (reconcile-payments reads its settlement over HTTP).
  const provider = address.paymentProviderUrl ? await startRecorder(address.paymentProviderUrl, 'PaymentProvider') : undefined;
  try {
    const endpoints = { dynamoDbEndpoint: recorder.url, cognitoEndpoint: identity.url, userPoolId: address.identity.userPoolId, userPoolClientId: address.identity.clients.portal, awsStubUrl: stub.url, paymentProviderUrl: provider?.url };
    const records = { take: () => [...recorder.take(), ...identity.take(), ...stub.take(), ...(provider?.take() ?? [])].sort((a, b) => a.at - b.at) };
    // Each run starts once the in-process cloud has worked off the previous run's writes (stream records, messages).
    const settle = () => harness.meter.quiet(100, 5_000).catch(() => undefined);
    return await measureColdLoads(functions, bundles, events, { runs: options.coldRuns, endpoints, budget: budgets.coldLoad, judged: !options.smoke, records, settle });
  } finally {
    await recorder.close();
    await identity.close();
    await provider?.close();
    await stub.close();
  }
}

async function childSections(collector: Collector, cloud: ChildCloud, options: BenchOptions): Promise<void> {
  progress('local cloud (child process) ready');
  if (options.main) {
    await collector.section('api', () => measureApi(cloud.client, { seconds: options.loadSeconds, connections: budgets.api.connections, budget: budgets.api, judged: !options.smoke, errorsFromNow: () => cloud.errorsFromNow() }));
  }
  if (options.faults) {
    await collector.section('Fault: duplicate storm', async () => faultSection(await duplicateStorm(cloud.client, options.storm)));
    await collector.section('Fault: crash and reconcile', async () => faultSection(await crashAndReconcile(cloud, options.crash, options.seed)));
  }
}

function report(collector: Collector, options: BenchOptions, started: number): number {
  const failures = collector.rows.filter((row) => row.verdict === 'FAIL').length;
  const kind: RunKind = options.smoke ? 'smoke' : options.faults && !options.main ? 'faults' : 'main';
  const command = options.smoke ? 'npm run bench -- --smoke' : kind === 'faults' ? 'npm run bench -- --faults' : 'npm run bench';
  const seconds = Math.round((Date.now() - started) / 1000);
  process.stdout.write(`\n${renderTable(collector.rows)}\n\n${failures === 0 ? 'Every budget kept' : `${failures} budget(s) broken`} (${seconds} s). Results: ${options.resultsFile}\n`);
  writeResults(options.resultsFile, kind, { command, at: new Date().toISOString(), seconds, machine: machine(), failures, rows: collector.rows, sections: collector.sections });
  if (options.writeReport) {
    writePerformance(options.resultsFile, path.join(benchDir, 'PERFORMANCE.md'));
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(2);
  },
);
