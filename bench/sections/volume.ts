// Flat at national volume: two local clouds of their own (bench/sections/volume-cloud.ts, each its own DynamoDB
// Local), one loaded with the small count of applications and the seeded catalogue, the other with the large
// count and `cards` service cards. The reads are timed against both in alternating rounds (the machine's noise
// falls on both alike): each read's p50 at the large size within `maxP50Ratio` of the small. The SLA sweep and the
// reconciler ran once in each over the same work due: their DynamoDB reads the same at both sizes.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { type ApiAnswer, CloudClient, toldToRetry } from '../client';
import { progress } from '../progress';
import { judge, median, ms, type Row, type SectionResult } from '../rows';
import type { VolumeCloudFigures } from './volume-cloud';

export interface VolumeBudget {
  readonly maxP50Ratio: number;
  /** The sweeps' reads at the large size at most this many times those at the small (the same work due). */
  readonly maxSweepReadRatio: number;
}

export interface VolumeOptions {
  readonly small: number;
  readonly large: number;
  readonly cards: number;
  readonly due: number;
  /** Rounds of `perRound` requests to each cloud, per read. */
  readonly rounds: number;
  readonly perRound: number;
  /** Timing budgets judged (not in a smoke run). */
  readonly judgeTimes: boolean;
}

interface Running {
  readonly child: ChildProcess;
  readonly figures: VolumeCloudFigures;
}

const root = path.resolve(__dirname, '../..');

function startCloud(dataDir: string, applications: number, cards: number, due: number): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/sections/volume-cloud.ts'), '--data-dir', dataDir, '--applications', String(applications), '--cards', String(cards), '--due', String(due)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('VOLUME ')) {
        resolve({ child, figures: JSON.parse(line.slice('VOLUME '.length)) as VolumeCloudFigures });
      }
    });
    child.once('exit', (code) => reject(new Error(`the volume cloud of ${applications} applications exited (${code}) before it was ready`)));
  });
}

async function stopCloud(running: Running | undefined): Promise<void> {
  if (!running || running.child.exitCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => running.child.once('exit', resolve));
  running.child.stdin!.end();
  await exited;
}

/** A read told to retry (429, or 503 when a handler ran out of time) is sent again after Retry-After, as a client does. */
const MAX_ATTEMPTS = 5;

interface Read {
  readonly name: string;
  readonly call: (client: CloudClient, figures: VolumeCloudFigures) => Promise<ApiAnswer>;
}

const reads: readonly Read[] = [
  { name: 'GET /v1/agencies/{agencyId}/tasks', call: (client, figures) => client.call(`/v1/agencies/${figures.agencyId}/tasks?status=open`, `officer-${figures.agencyId}`) },
  { name: 'GET /v1/me/applications', call: (client) => client.call('/v1/me/applications', 'citizen') },
  { name: 'GET /v1/applications/{applicationId}', call: (client, figures) => client.call(`/v1/applications/${figures.applicationId}`, 'citizen') },
  { name: 'GET /v1/services', call: (client) => client.call('/v1/services') },
  // A word of seeded cards' names only: the loaded cards carry names of their own and the seeded cards' agencies, so
  // "vehicle" (in DVLD's name, "Drivers and Vehicles ...") matched every loaded card of DVLD and measured the answer's
  // size, not the catalogue's; this finds the same cards at both sizes.
  { name: 'GET /v1/services?q=', call: (client) => client.call(`/v1/services?q=${encodeURIComponent('renewal')}`) },
];

/** Each read's latencies at both sizes, the rounds alternating which size goes first. */
async function timeReads(small: { client: CloudClient; figures: VolumeCloudFigures }, large: { client: CloudClient; figures: VolumeCloudFigures }, options: VolumeOptions) {
  const results = [];
  for (const read of reads) {
    const samples = { small: [] as number[], large: [] as number[] };
    const retried = { small: 0, large: 0 };
    const once = async (side: 'small' | 'large', record: boolean) => {
      const target = side === 'small' ? small : large;
      for (let attempt = 1; ; attempt++) {
        const started = performance.now();
        const answer = await read.call(target.client, target.figures);
        if (answer.status === 200) {
          // A request answered only after a retry is counted, not timed: its wait is the client's, not the read's.
          if (record && attempt === 1) {
            samples[side].push(performance.now() - started);
          }
          return;
        }
        if (!toldToRetry(answer) || attempt === MAX_ATTEMPTS) {
          throw new Error(`${read.name} answered ${answer.status} at ${target.figures.applications} applications`);
        }
        retried[side] += 1;
        await new Promise((resolve) => setTimeout(resolve, answer.retryAfter! * 1000));
      }
    };
    // Warm: tokens, the catalogue's cache, the handlers' first load.
    for (let n = 0; n < 3; n++) {
      await once('small', false);
      await once('large', false);
    }
    for (let round = 0; round < options.rounds; round++) {
      for (const side of round % 2 ? (['large', 'small'] as const) : (['small', 'large'] as const)) {
        for (let n = 0; n < options.perRound; n++) {
          await once(side, true);
        }
      }
    }
    results.push({ name: read.name, small: median(samples.small), large: median(samples.large), requests: samples.small.length, retried });
  }
  return results;
}

export async function volumeSection(options: VolumeOptions, budget: VolumeBudget, scratch: string): Promise<SectionResult> {
  const clouds: { small?: Running; large?: Running } = {};
  try {
    progress(`volume: local clouds with ${options.small} and with ${options.large} applications (${options.cards} service cards), started together`);
    const [small, large] = await Promise.allSettled([
      startCloud(path.join(scratch, 'volume-small'), options.small, 0, options.due),
      startCloud(path.join(scratch, 'volume-large'), options.large, options.cards, options.due),
    ]);
    clouds.small = small.status === 'fulfilled' ? small.value : undefined;
    clouds.large = large.status === 'fulfilled' ? large.value : undefined;
    if (!clouds.small || !clouds.large) {
      throw [small, large].flatMap((result) => (result.status === 'rejected' ? [result.reason as Error] : []))[0]!;
    }
    const atSmall = { client: new CloudClient(clouds.small.figures.address), figures: clouds.small.figures };
    const atLarge = { client: new CloudClient(clouds.large.figures.address), figures: clouds.large.figures };
    progress('volume: timing the reads at both sizes');
    const timed = await timeReads(atSmall, atLarge, options);
    atSmall.client.close();
    atLarge.client.close();
    return { rows: rowsOf(clouds.small.figures, clouds.large.figures, timed, options, budget), data: { small: clouds.small.figures, large: clouds.large.figures, reads: timed } };
  } finally {
    await Promise.all([stopCloud(clouds.small), stopCloud(clouds.large)]);
  }
}

function rowsOf(small: VolumeCloudFigures, large: VolumeCloudFigures, timed: ReadonlyArray<{ name: string; small: number; large: number; requests: number; retried: { small: number; large: number } }>, options: VolumeOptions, budget: VolumeBudget): Row[] {
  const section = 'volume';
  const count = (n: number) => n.toLocaleString('en-US');
  const rows: Row[] = [
    {
      section,
      item: `load ${count(large.applications)} applications (${count(Math.round(large.applications / 4))} applicants, all agencies)`,
      measured: `${(large.loadMs / 1000).toFixed(0)} s`,
      budget: '',
      verdict: 'info',
      note: `${count(large.itemsWritten)} items by parallel BatchWriteItem (${Math.round(large.itemsWritten / (large.loadMs / 1000))} items/s); ${count(large.cards)} service cards in ${(large.cardsMs / 1000).toFixed(0)} s`,
    },
  ];
  for (const read of timed) {
    const ratio = read.large / read.small;
    rows.push({
      section,
      item: `${read.name} p50 at ${count(large.applications)} / at ${count(small.applications)}`,
      measured: `${ratio.toFixed(2)}x (${ms(read.large)} / ${ms(read.small)})`,
      budget: `<= ${budget.maxP50Ratio}x`,
      verdict: judge(ratio <= budget.maxP50Ratio, options.judgeTimes),
      note: `${read.requests} requests each, alternating rounds${read.name.startsWith('GET /v1/services') ? `; ${count(large.cards)} cards / ${count(small.cards)}` : ''}${
        read.retried.small + read.retried.large ? `; told to retry (429/503 with Retry-After) ${read.retried.large} / ${read.retried.small} times, those requests not timed` : ''
      }`,
    });
  }
  const pass = (name: string, at: (figures: VolumeCloudFigures) => { readUnits: number; dbCalls: number }, work: string, done: boolean) => {
    const ratio = at(large).readUnits / Math.max(at(small).readUnits, 0.5);
    rows.push({
      section,
      item: `${name} reads at ${count(large.applications)} / at ${count(small.applications)}`,
      measured: `${ratio.toFixed(2)}x (${at(large).readUnits} / ${at(small).readUnits} RCU, ${at(large).dbCalls} / ${at(small).dbCalls} calls)`,
      budget: `<= ${budget.maxSweepReadRatio}x, all due work done`,
      verdict: judge(ratio <= budget.maxSweepReadRatio && done),
      note: work,
    });
  };
  const escalatedAll = small.sweep.escalated === small.due.tasks && large.sweep.escalated === large.due.tasks;
  pass('SLA sweep', (figures) => figures.sweep, `${large.due.tasks} tasks due at each size; escalated ${large.sweep.escalated} / ${small.sweep.escalated}`, escalatedAll);
  const dueTo = (figures: VolumeCloudFigures) => figures.due.unstarted + figures.due.own;
  const checkedAll = [small, large].every((figures) => figures.reconciler.checked === dueTo(figures)) && large.reconciler.resumed === dueTo(large);
  const ownAt = [large, small].filter((figures) => figures.due.own).map((figures) => count(figures.applications));
  const own = ownAt.length ? `, and the cloud's own in-flight one (older than the grace after the load) at ${ownAt.join(' and ')}` : '';
  pass('reconciler (hourly)', (figures) => figures.reconciler, `${large.due.unstarted} unstarted submissions at each size${own}; checked ${large.reconciler.checked} / ${small.reconciler.checked}, resumed ${large.reconciler.resumed} / ${small.reconciler.resumed}`, checkedAll);
  return rows;
}

/**
 * Full run: 1,000 and 200,000 applications, 3,000 cards; smoke: 20 and 200, 50 cards (the sweeps' reads judged).
 * `BENCH_VOLUME=small,large[,cards]` sets the sizes (e.g. a 20,000 load to time before the real one).
 */
export function volumeOptions(smoke: boolean, override = process.env.BENCH_VOLUME): VolumeOptions {
  const base = smoke
    ? { small: 20, large: 200, cards: 50, due: 2, rounds: 2, perRound: 5, judgeTimes: false }
    : { small: 1_000, large: 200_000, cards: 3_000, due: 20, rounds: 10, perRound: 20, judgeTimes: true };
  const [small, large, cards] = (override ?? '').split(',').map(Number);
  return { ...base, ...(small && large ? { small, large } : {}), ...(cards ? { cards } : {}) };
}

/** The section alone: `BENCH_VOLUME=200,2000,300 npx tsx bench/sections/volume.ts [--smoke]` prints its rows. */
if (require.main === module) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'khidma-volume-'));
  void import('../budgets.json').then(async ({ default: budgets }) => {
    try {
      const { rows, data } = await volumeSection(volumeOptions(process.argv.includes('--smoke')), budgets.volume, scratch);
      process.stdout.write(`${JSON.stringify(data, (key, value) => (key === 'address' ? undefined : value), 1)}\n`);
      for (const row of rows) {
        process.stdout.write(`${row.verdict.padEnd(10)} ${row.item} | ${row.measured} | ${row.budget} | ${row.note ?? ''}\n`);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
}
