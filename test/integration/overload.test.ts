// Load held, never a 500: a duplicate-submission storm (20 keys × 10 at once: the size that answered 178 of 200
// with 500 before the local cloud modelled each function's concurrency). Every request is retried as the platform
// tells a client to (429, 503 or 409 submission_in_progress, after Retry-After, with the same key); no answer may
// be a 500, and each key ends with exactly one application, submitted, named by every one of its requests.
// On a local cloud of its own: the storm fills the submission function's concurrency and the demo citizen's audit
// chain, which the test files running beside it (two at a time) would otherwise meet as 429s and waits.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type RunningCloud, startCloud, stopCloud } from '../../local/cloud-process';
import { tableName } from '../../lib/platform/tables';
import { api, type ApiResponse, tables, tokenFor } from '../support/api';

const VEHICLE = {
  serviceId: 'vehicle-registration-renewal',
  answers: { plateNumber: '12-34567', chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881' },
  channel: 'portal',
};
const KEYS = 20;
const COPIES = 10;

const toldToRetry = (answer: ApiResponse) =>
  answer.headers.get('retry-after') !== null && (answer.status === 429 || answer.status === 503 || (answer.status === 409 && answer.body?.error?.code === 'submission_in_progress'));

/** One client's request, retried as told; every answer it got, the last one last. */
async function submitAsTold(token: string, key: string): Promise<ApiResponse[]> {
  const answers: ApiResponse[] = [];
  for (;;) {
    const answer = await api('/v1/applications', { method: 'POST', token, body: VEHICLE, headers: { 'idempotency-key': key } });
    answers.push(answer);
    if (!toldToRetry(answer)) {
      return answers;
    }
    await new Promise((resolve) => setTimeout(resolve, Number(answer.headers.get('retry-after')) * 1000 * (1 + Math.random() / 2)));
  }
}

let cloud: RunningCloud;
const sharedCloud = process.env.KHIDMA_CLOUD_STATE;

beforeAll(async () => {
  cloud = await startCloud();
  // support/api's calls, tokens and table client read the cloud from here (first used below, after this).
  process.env.KHIDMA_CLOUD_STATE = JSON.stringify(cloud.state);
}, 300_000);

afterAll(async () => {
  process.env.KHIDMA_CLOUD_STATE = sharedCloud;
  if (cloud) {
    await stopCloud(cloud);
    rmSync(cloud.dataDir, { recursive: true, force: true });
  }
});

it('answers a duplicate-submission storm without a 5xx, and each key gets its one application', async () => {
  const token = await tokenFor('citizen');
  const keys = Array.from({ length: KEYS }, () => randomUUID());
  const requests = await Promise.all(keys.flatMap((key) => Array.from({ length: COPIES }, async () => ({ key, answers: await submitAsTold(token, key) }))));

  const statuses = requests.flatMap((request) => request.answers.map((answer) => answer.status));
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
  const finals = requests.map((request) => request.answers.at(-1)!);
  expect(finals.filter((answer) => answer.status !== 200 && answer.status !== 201).map((answer) => answer.body)).toEqual([]);
  expect(finals.filter((answer) => answer.status === 201)).toHaveLength(KEYS);

  const idsByKey = new Map<string, Set<string>>();
  for (const { key, answers } of requests) {
    idsByKey.set(key, (idsByKey.get(key) ?? new Set()).add(answers.at(-1)!.body.applicationId));
  }
  expect([...idsByKey.values()].map((ids) => ids.size)).toEqual(keys.map(() => 1));
  const ids = [...idsByKey.values()].map((set) => [...set][0]!);
  expect(new Set(ids).size).toBe(KEYS);
  for (const applicationId of ids) {
    const { Item } = await tables().send(new GetCommand({ TableName: tableName('local', 'applications'), Key: { pk: `APP#${applicationId}`, sk: 'META' }, ConsistentRead: true }));
    expect(Item?.status).not.toBe('draft');
  }
}, 240_000);
