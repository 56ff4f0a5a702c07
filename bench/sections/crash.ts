// Fault figure: crash and reconcile. The local cloud is SIGKILLed at random points (seeded) while K
// applications are in flight: while they are being submitted (each client retries with its Idempotency-Key
// until it is answered with a submitted application), and while officers' decisions are being sent. Each
// restart reconciles on the same data; then every application is driven to its end state and its timeline read.
import { randomUUID } from 'node:crypto';
import type { ChildCloud } from '../child-cloud';
import { type CloudClient, sleep, vehicleAgencies } from '../client';
import { applicationsSince, type FaultFigure, settle } from './faults';

export interface CrashOptions {
  readonly applications: number;
  /** Kill while submissions are in flight first, then (kills − 1 times) while decisions are. */
  readonly duringSubmissions: boolean;
  readonly kills: number;
}

interface Retries {
  answered: number;
  retried: number;
  /** Answers to a retried submission that were a draft: the submission was left unfinished (should be none). */
  answeredAsDraft: number;
}

/** How long a client keeps retrying one Idempotency-Key. */
const RETRY_FOR_MS = 90_000;

export async function crashAndReconcile(cloud: ChildCloud, options: CrashOptions, seed: number): Promise<FaultFigure> {
  const random = mulberry32(seed);
  const since = new Date().toISOString();
  const kills: string[] = [];
  const retries: Retries = { answered: 0, retried: 0, answeredAsDraft: 0 };
  const keys = Array.from({ length: options.applications }, () => randomUUID());
  const ids = options.duringSubmissions
    ? await submitThroughACrash(cloud, keys, random, kills, retries)
    : await Promise.all(keys.map((key) => submitted(cloud.client, key, retries)));
  for (let kill = options.duringSubmissions ? 1 : 0; kill < options.kills; kill++) {
    await decideThroughACrash(cloud, ids.filter((id): id is string => id !== undefined), random, kills);
  }
  const applicationIds = [...new Set(ids.filter((id): id is string => id !== undefined))];
  const outcome = await settle(cloud.client, applicationIds, 120_000);
  const { body } = applicationIds[0] ? await cloud.client.call(`/v1/applications/${applicationIds[0]}`, 'citizen') : { body: undefined };
  const created = body?.applicant ? await applicationsSince(cloud.client, body.applicant, since) : [];
  return {
    scenario: `crash and reconcile: ${kills.length} SIGKILL(s), ${options.applications} applications in flight`,
    how: `child local cloud killed ${kills.join(', ')} (seed ${seed}), restarted on its data`,
    submitted: options.applications,
    completed: outcome.completed,
    lost: options.applications - applicationIds.length + outcome.unfinished.length + outcome.incomplete.length,
    duplicated: Math.max(0, created.length - options.applications) + outcome.repeated.length,
    details: {
      ...(outcome.unfinished.length ? { unfinished: outcome.unfinished } : {}),
      ...(outcome.incomplete.length ? { 'approved with a side effect never recorded': outcome.incomplete.length } : {}),
      ...(outcome.mismatches.length ? { 'timelines not as expected': outcome.mismatches } : {}),
      'applications created': created.length,
      'submissions answered before the kill': retries.answered,
      'retried after the restart': retries.retried,
      'retries answered with a draft': retries.answeredAsDraft,
    },
  };
}

async function submitThroughACrash(cloud: ChildCloud, keys: readonly string[], random: () => number, kills: string[], retries: Retries): Promise<Array<string | undefined>> {
  const first = keys.map((key) => cloud.client.submit(key).then((answer) => (answer.status < 300 && answer.body.status !== 'draft' ? (answer.body.applicationId as string) : undefined), () => undefined));
  const at = Math.round(random() * 400);
  await sleep(at);
  kills.push(`${at} ms into ${keys.length} submissions`);
  await cloud.crashAndRestart();
  const answers = await Promise.all(first);
  retries.answered += answers.filter(Boolean).length;
  return Promise.all(answers.map(async (id, index) => id ?? (retries.retried++, submitted(cloud.client, keys[index]!, retries))));
}

/**
 * What a client does with an Idempotency-Key: send until answered with a submitted application. A submission
 * killed between claiming its key and submitting is finished by the first retry (a draft answer would be a fault).
 */
async function submitted(client: CloudClient, key: string, retries: Retries): Promise<string | undefined> {
  const started = Date.now();
  for (let wait = 1_000; Date.now() - started < RETRY_FOR_MS; wait = Math.min(wait * 2, 15_000)) {
    const answer = await client.submit(key).catch(() => undefined);
    if (answer && answer.status < 300 && answer.body.status !== 'draft') {
      return answer.body.applicationId as string;
    }
    retries.answeredAsDraft += answer?.body?.status === 'draft' ? 1 : 0;
    await sleep(wait);
  }
  return undefined;
}

async function decideThroughACrash(cloud: ChildCloud, applicationIds: readonly string[], random: () => number, kills: string[]): Promise<void> {
  const client = cloud.client;
  let mine: Array<{ taskId: string; agencyId: string }> = [];
  for (const deadline = Date.now() + 20_000; mine.length === 0 && Date.now() < deadline; await sleep(200)) {
    const tasks = (await Promise.all(vehicleAgencies.map(async (agencyId) => (await client.openTasks(agencyId)).map((task) => ({ ...task, agencyId }))))).flat();
    mine = tasks.filter((task) => applicationIds.includes(task.applicationId));
  }
  const decisions = mine.map((task) => client.decide(task.agencyId, task.taskId).catch(() => undefined));
  const at = Math.round(random() * 150);
  await sleep(at);
  kills.push(`${at} ms into ${mine.length} decisions`);
  await cloud.crashAndRestart();
  await Promise.all(decisions);
}

/** A small seeded generator, so a run's kill points can be replayed with `--seed`. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
