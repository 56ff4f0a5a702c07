// Fault figure: a duplicate-submission storm. Each of M Idempotency-Keys is sent N times at once, as a client
// retrying over a flaky network would, and each of those requests is retried as the platform says (429, 503 or
// 409 submission_in_progress: after Retry-After, same key); each key must give exactly one application, named in
// its final answers, driven to its end state, and no request may be answered with a 5xx.
import { randomUUID } from 'node:crypto';
import type { ApiAnswer, CloudClient } from '../client';
import { applicationsSince, type FaultFigure, settle } from './faults';

export async function duplicateStorm(client: CloudClient, options: { keys: number; retries: number }): Promise<FaultFigure> {
  const since = new Date().toISOString();
  const started = Date.now();
  const keys = Array.from({ length: options.keys }, () => randomUUID());
  const requests = await Promise.all(keys.flatMap((key) => Array.from({ length: options.retries }, () => client.submitAsTold(key).then((answers) => ({ key, answers })))));
  const seconds = (Date.now() - started) / 1000;
  const statuses = countStatuses(requests.flatMap((request) => request.answers));
  const finals = countStatuses(requests.map((request) => request.answers.at(-1)!));
  const idsByKey = new Map<string, Set<string>>(keys.map((key) => [key, new Set()]));
  for (const { key, answers } of requests) {
    const last = answers.at(-1)!;
    if (last.status === 200 || last.status === 201) {
      idsByKey.get(key)!.add(last.body.applicationId);
    }
  }
  const serverErrors = Object.entries(statuses).filter(([status]) => Number(status) >= 500).reduce((sum, [, count]) => sum + count, 0);
  const unanswered = [...idsByKey.values()].filter((ids) => ids.size === 0).length;
  const applicant = requests.flatMap((request) => request.answers).find((answer) => answer.body?.applicant)?.body.applicant;
  const created = applicant ? await applicationsSince(client, applicant, since) : [];
  const answered = [...new Set([...idsByKey.values()].flatMap((ids) => [...ids]))];
  const outcome = await settle(client, answered, 120_000 + options.keys * 2_000);
  const failed = new Set([...outcome.unfinished.map((entry) => entry.applicationId), ...outcome.incomplete, ...outcome.repeated]);
  const finished = (ids: Set<string>) => ids.size === 1 && [...ids].every((id) => !failed.has(id));
  const completed = [...idsByKey.values()].filter(finished).length;
  return {
    scenario: `duplicate-submission storm: ${options.keys} keys × ${options.retries} at once, each retried as told`,
    how: 'child local cloud (each function 10 at once, 100 waiting, then throttled); every request of a key carries the same body and is retried after Retry-After on 429, 503 and 409 submission_in_progress; then each application driven to approval',
    submitted: options.keys,
    completed,
    lost: options.keys - completed - outcome.repeated.length,
    duplicated: Math.max(0, Math.max(created.length, answered.length) - options.keys) + outcome.repeated.length,
    serverErrors,
    details: {
      ...(outcome.unfinished.length ? { unfinished: outcome.unfinished } : {}),
      ...(outcome.incomplete.length ? { 'approved with a side effect never recorded': outcome.incomplete.length } : {}),
      ...(outcome.mismatches.length ? { 'timelines not as expected': outcome.mismatches } : {}),
      ...(unanswered ? { 'keys never answered with their application': unanswered } : {}),
      requests: requests.length,
      'answers (retries included)': statuses,
      'final answers': finals,
      'seconds until every request was answered': Math.round(seconds * 10) / 10,
      'applications created': created.length,
    },
  };
}

function countStatuses(answers: readonly ApiAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  }
  return counts;
}
