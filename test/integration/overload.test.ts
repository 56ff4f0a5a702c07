// Load held, never a 500: a duplicate-submission storm (20 keys × 10 at once: the size that answered 178 of 200
// with 500 before the local cloud modelled each function's concurrency). Every request is retried as the platform
// tells a client to (429, 503 or 409 submission_in_progress, after Retry-After, with the same key); no answer may
// be a 500, and each key ends with exactly one application, submitted, named by every one of its requests.
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
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
