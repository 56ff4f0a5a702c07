// Fault figure: losing the primary region (README, Disaster recovery). Two local clouds as the two regions with
// replication between them (EMULATED global tables: local/replicator.ts); applications, officers' decisions and
// their notifications in flight on the primary when its whole process group is SIGKILLed; `npm run failover -- --stage
// local --to dr`; then a citizen who signed up in the primary signs in in DR (the mirrored account, a reset code)
// and submits, every client replays its Idempotency-Key in DR, and every application is driven to its end there.
// RPO: acknowledged writes missing in DR, and how far replication lagged at the loss. RTO: from the loss to that
// citizen's first successful submission in DR.
import { randomUUID } from 'node:crypto';
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../lib/platform/tables';
import { identityProvider } from '../../local/cognito/client';
import { cognitoOutbox } from '../../local/cognito/emulator';
import { codesFor, resetPassword } from '../../local/cognito/password-reset';
import { signIn, totpCode } from '../../local/cognito/sign-in';
import type { RunningCloud } from '../../local/cloud-process';
import { type DrRegions, losePrimary, runFailover, startDrRegions, stopDrRegions } from '../../local/dr-regions';
import { type ApiAnswer, CloudClient, until, VEHICLE, vehicleAgencies, vehicleStages } from '../client';
import { applicationsSince, settle } from './faults';

export interface DrDrillOptions {
  /** Applications submitted and acknowledged before the loss; the first stage of each is being decided at the loss. */
  readonly applications: number;
  /** Submissions sent as the primary is lost (their clients have no answer yet). */
  readonly inFlight: number;
  /** Replication lag of the emulated global tables, ms. */
  readonly lagMs: number;
  /** How long the applications get to complete in DR. */
  readonly settleMs: number;
}

export interface DrDrillFigures {
  readonly lagMs: number;
  readonly acknowledged: { readonly submissions: number; readonly decisions: number };
  /** Acknowledged writes the DR region does not have after the failover (submissions and decisions). */
  readonly lostWrites: { readonly submissions: string[]; readonly decisions: string[] };
  /** Replication at the loss: changes read and never written to DR, and the age of the oldest. */
  readonly replication: { readonly dropped: number; readonly lagAtLossMs: number; readonly droppedByTable: Readonly<Record<string, number>> };
  readonly failover: { readonly ms: number; readonly code: number; readonly output: string };
  /** Loss to the first sign-in in DR (after the reset) and to the first submission answered there. */
  readonly rto: { readonly signInMs: number; readonly submissionMs: number };
  /** Replays in DR of every client's Idempotency-Key: the same application as the primary answered, or a new one. */
  readonly replays: { readonly same: number; readonly recreated: number; readonly failed: Array<{ key: string; status: number; code?: string }> };
  readonly keys: number;
  readonly applicationsInDr: number;
  readonly completed: number;
  readonly unfinished: Array<{ readonly applicationId: string; readonly status?: string; readonly tasks: Record<string, string> }>;
  readonly repeated: number;
  /** The applicant's inbox in DR: applications with an approval notification, and with more than one. */
  readonly approvalNotices: { readonly notified: number; readonly repeated: number };
  /**
   * The DR region's own KPI aggregates (a regional table, not replicated) know every application: those submitted in
   * the primary only through the take-over's rebuild. Applications whose counted facts DR has, of all of them.
   */
  readonly kpiFacts: { readonly applications: number; readonly counted: number };
}

const CITIZEN_PASSWORD = 'Drill-Primary-2026!';
const DR_PASSWORD = 'Drill-Dr-Region-2026!';

const addressOf = (cloud: RunningCloud) => cloud.state;

export async function drDrill(options: DrDrillOptions, progress: (line: string) => void = () => undefined): Promise<DrDrillFigures> {
  progress('starting two local regions (DR stand-by first, then the primary), replication between them');
  const regions = await startDrRegions({ lagMs: options.lagMs });
  const primary = new CloudClient(addressOf(regions.primary));
  let dr: CloudClient | undefined;
  try {
    const citizen = await signUpInPrimary(primary, regions);
    await mirrored(regions, [citizen, 'citizen', ...vehicleAgencies.map((agency) => `officer-${agency}`)]);
    progress(`${options.applications} applications submitted, then their first decisions and ${options.inFlight} more submissions in flight: losing the primary`);
    const since = new Date(Date.now() - 1000).toISOString();
    const work = await workInFlight(primary, options);
    const { lostAt, severance } = await losePrimary(regions);
    primary.close();
    const answered = await work.settled();

    progress('failing over: npm run failover -- --stage local --to dr');
    const failoverStarted = Date.now();
    const failover = await runFailover(regions, 'dr');
    const failoverMs = Date.now() - failoverStarted;
    if (failover.code !== 0) {
      throw new Error(`the failover failed:\n${failover.output}`);
    }
    const rto = await firstSubmissionInDr(regions, citizen, lostAt);

    dr = new CloudClient(addressOf(regions.dr));
    const lostWrites = await missingInDr(dr, answered);
    await enrolOfficersAgain(dr);
    progress('replaying every Idempotency-Key in DR, driving every application to its end');
    const replays = await replayInDr(dr, work.keys, answered.submissions);
    const ids = [...new Set(replays.ids)];
    const outcome = await settle(dr, ids, options.settleMs);
    const approvalNotices = await noticesOfApproval(dr, ids.slice(0, outcome.completed === ids.length ? ids.length : 0));
    const kpiFacts = await countedInDr(dr, ids);
    const created = ids[0] ? await applicationsSince(dr, (await dr.call(`/v1/applications/${ids[0]}`, 'citizen')).body.applicant, since) : [];
    return {
      lagMs: options.lagMs,
      acknowledged: { submissions: answered.submissions.size, decisions: answered.decisions.size },
      lostWrites,
      replication: severance,
      failover: { ms: failoverMs, code: failover.code, output: failover.output },
      rto,
      replays: { same: replays.same, recreated: replays.recreated, failed: replays.failed },
      keys: work.keys.length,
      applicationsInDr: created.length,
      completed: outcome.completed,
      unfinished: outcome.unfinished,
      repeated: outcome.repeated.length,
      approvalNotices,
      kpiFacts,
    };
  } finally {
    dr?.close();
    await stopDrRegions(regions);
  }
}

/** A person the registry knows signs up in the primary region (the real sign-up and its confirmation code). */
async function signUpInPrimary(primary: CloudClient, regions: DrRegions): Promise<string> {
  const nationalNumber = `2${String(Date.now() % 1_000_000_000).padStart(9, '0')}`;
  const contact = { phone: '+962790009911', email: 'drill@khidma.example' };
  const fields = {
    nationalNumber,
    fullName: { ar: 'رنا خالد العمري', en: 'Rana Khaled Al-Omari' },
    dateOfBirth: '2001-02-03',
    sex: 'female',
    familyBookNumber: '6612345',
    idCardNumber: 'DRL44120',
    maritalStatus: 'single',
    address: { governorate: 'Amman', city: 'Amman', street: 'Zahran Street' },
    ...contact,
  };
  expectStatus(await primary.call('/v1/registry/persons', 'officer-cspd', { method: 'POST', body: { fields } }), 201, 'creating the person record');
  const signUp = { nationalNumber, documentNumber: fields.idCardNumber, dateOfBirth: fields.dateOfBirth, ...contact, password: CITIZEN_PASSWORD };
  expectStatus(await primary.call('/v1/auth/sign-up', undefined, { method: 'POST', body: signUp }), 201, 'signing up');
  const code = codesFor(cognitoOutbox(regions.primary.state.outbox), nationalNumber).at(-1);
  expectStatus(await primary.call('/v1/auth/confirm', undefined, { method: 'POST', body: { username: nationalNumber, code } }), 200, 'confirming the sign-up');
  return nationalNumber;
}

/** The identity mirror copied these accounts to the DR pool, and replication brought their links (mirrorOf) there. */
async function mirrored(regions: DrRegions, usernames: readonly string[]): Promise<void> {
  const { identity, cognitoEndpoint } = regions.dr.state;
  const idp = identityProvider(cognitoEndpoint);
  const drTables = new CloudClient(regions.dr.state);
  try {
    for (const username of usernames) {
      await until(`the mirrored account and link of ${username} in DR`, async () => {
        const user = await idp.send(new AdminGetUserCommand({ UserPoolId: identity.userPoolId, Username: username })).catch(() => undefined);
        const sub = user?.UserAttributes?.find((attribute) => attribute.Name === 'sub')?.Value;
        const { Item } = sub ? await drTables.tables.send(new GetCommand({ TableName: tableName('local', 'registry'), Key: { pk: `IDENTITY#${sub}`, sk: 'LINK' } })) : { Item: undefined };
        return Item?.link?.mirrorOf ? true : undefined;
      }, 60_000);
    }
  } finally {
    drTables.close();
  }
}

interface Answered {
  /** Idempotency key → the application id the primary answered with, for every 2xx submission answered before the loss. */
  readonly submissions: Map<string, string>;
  /** Task ids whose decision the primary answered 200 before the loss. */
  readonly decisions: Set<string>;
}

/**
 * Submits and waits for `applications` answers, then sends the decisions of their first stage and `inFlight` more
 * submissions at once, and returns as soon as the first of those is answered: the rest are in flight at the loss.
 */
async function workInFlight(primary: CloudClient, options: DrDrillOptions) {
  const answered: Answered = { submissions: new Map(), decisions: new Set() };
  let open = true;
  const keys = Array.from({ length: options.applications + options.inFlight }, () => randomUUID());
  const submit = async (key: string) => {
    const answer = await primary.submit(key).catch(() => undefined);
    if (open && answer && answer.status < 300 && answer.body.status !== 'draft') {
      answered.submissions.set(key, answer.body.applicationId as string);
    }
  };
  await Promise.all(keys.slice(0, options.applications).map(submit));
  const first = vehicleStages[0]!;
  const ids = [...answered.submissions.values()];
  const tasks = ids.flatMap((id) => first.map((step) => ({ taskId: `${id}.${step.stepId}`, agencyId: step.agencyId })));
  await until('the first stage\'s tasks open in the primary', async () => ((await Promise.all(tasks.map((task) => primary.taskStatus(task.taskId)))).every((status) => status === 'open') ? true : undefined), 60_000);
  const decide = async (task: { taskId: string; agencyId: string }) => {
    const answer = await primary.decide(task.agencyId, task.taskId).catch(() => undefined);
    if (open && answer?.status === 200) {
      answered.decisions.add(task.taskId);
    }
  };
  const inFlight = [...tasks.map(decide), ...keys.slice(options.applications).map(submit)];
  await Promise.race(inFlight);
  return {
    keys,
    /** Once the primary is gone: what it had answered before (later answers, were there any, do not count). */
    async settled(): Promise<Answered> {
      open = false;
      await Promise.all(inFlight);
      return answered;
    },
  };
}

/** The citizen who signed up in the primary: "forgot password" in DR (the mirrored account has no usable one), sign-in, a submission. */
async function firstSubmissionInDr(regions: DrRegions, username: string, lostAt: number): Promise<DrDrillFigures['rto']> {
  const { cognitoEndpoint, identity, outbox, apiUrl } = regions.dr.state;
  await resetPassword({ endpoint: cognitoEndpoint, identity, outboxFile: cognitoOutbox(outbox) }, username, DR_PASSWORD);
  const { accessToken } = await signIn(cognitoEndpoint, identity, username, DR_PASSWORD);
  const signInMs = Date.now() - lostAt;
  const response = await fetch(`${apiUrl}/v1/applications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify(VEHICLE),
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`the first submission in DR was answered ${response.status}: ${text}`);
  }
  return { signInMs, submissionMs: Date.now() - lostAt };
}

/** Acknowledged writes the DR region lacks: applications (no META) and decisions (task not decided there). */
async function missingInDr(dr: CloudClient, answered: Answered): Promise<DrDrillFigures['lostWrites']> {
  const submissions = (await Promise.all([...answered.submissions].map(async ([key, id]) => ((await dr.status(id)) ? undefined : key)))).filter((key): key is string => key !== undefined);
  const decisions = (await Promise.all([...answered.decisions].map(async (taskId) => ((await dr.taskStatus(taskId)) === 'open' || !(await dr.taskStatus(taskId)) ? taskId : undefined)))).filter(
    (taskId): taskId is string => taskId !== undefined,
  );
  return { submissions, decisions };
}

/**
 * The officers' mirrored links carry no MFA enrolment (README, Disaster recovery): each enrols an authenticator in
 * DR before any staff route serves them. (Their DR accounts are the DR cloud's own demo accounts, so no reset.)
 */
async function enrolOfficersAgain(dr: CloudClient): Promise<void> {
  for (const agency of vehicleAgencies) {
    const username = `officer-${agency}`;
    const started = await dr.call('/v1/me/mfa/totp', username, { method: 'POST' });
    expectStatus(started, 200, `${username} starting MFA enrolment in DR`);
    expectStatus(await dr.call('/v1/me/mfa/totp/verify', username, { method: 'POST', body: { code: totpCode(started.body.secretCode) } }), 200, `${username} enrolling in DR`);
  }
}

/** Every client sends its Idempotency-Key again, now to DR, until answered with a submitted application. */
async function replayInDr(dr: CloudClient, keys: readonly string[], answered: ReadonlyMap<string, string>) {
  let same = 0;
  let recreated = 0;
  const failed: Array<{ key: string; status: number; code?: string }> = [];
  const ids: string[] = [];
  for (const key of keys) {
    const answer = (await dr.submitAsTold(key)).at(-1)!;
    if (answer.status >= 300 || answer.body.status === 'draft') {
      failed.push({ key, status: answer.status, ...(answer.body?.error?.code ? { code: answer.body.error.code } : {}) });
      continue;
    }
    ids.push(answer.body.applicationId as string);
    const before = answered.get(key);
    same += before === answer.body.applicationId ? 1 : 0;
    recreated += before !== undefined && before !== answer.body.applicationId ? 1 : 0;
  }
  return { same, recreated, failed, ids };
}

/** Waits until each approved application has its approval notification in the citizen's inbox (notifications are asynchronous). */
async function noticesOfApproval(dr: CloudClient, applicationIds: readonly string[]): Promise<DrDrillFigures['approvalNotices']> {
  const count = async () => {
    const counts = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await dr.call(`/v1/me/notifications?limit=100${cursor ? `&cursor=${cursor}` : ''}`, 'citizen');
      for (const item of (page.body?.items ?? []) as Array<{ type: string; applicationId?: string }>) {
        if (item.type === 'ApplicationApproved' && item.applicationId && applicationIds.includes(item.applicationId)) {
          counts.set(item.applicationId, (counts.get(item.applicationId) ?? 0) + 1);
        }
      }
      cursor = page.body?.nextCursor;
    } while (cursor);
    return counts;
  };
  const counts = await until('an approval notification for each application', async () => {
    const found = await count();
    return found.size === applicationIds.length ? found : undefined;
  }, 60_000).catch(count);
  return { notified: counts.size, repeated: [...counts.values()].filter((value) => value > 1).length };
}

/** Waits until DR's KPI aggregates have the facts of every application (the rebuild runs as DR takes over). */
async function countedInDr(dr: CloudClient, applicationIds: readonly string[]): Promise<DrDrillFigures['kpiFacts']> {
  const count = async () => {
    const found = await Promise.all(
      applicationIds.map((id) => dr.tables.send(new GetCommand({ TableName: tableName('local', 'metrics'), Key: { pk: `KPIAPP#${id}`, sk: 'FACTS' } }))),
    );
    return found.filter((answer) => answer.Item).length;
  };
  const counted = await until("every application's KPI facts in DR", async () => ((await count()) === applicationIds.length ? applicationIds.length : undefined), 60_000).catch(count);
  return { applications: applicationIds.length, counted };
}

function expectStatus(answer: ApiAnswer, status: number, what: string): void {
  if (answer.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}
