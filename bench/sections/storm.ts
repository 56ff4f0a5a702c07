// Fault figure: a duplicate-submission storm. Each of M Idempotency-Keys is sent N times at once, as a client
// retrying over a flaky network would; each key must give exactly one application, driven to its end state.
import { randomUUID } from 'node:crypto';
import type { CloudClient } from '../client';
import { applicationsSince, type FaultFigure, settle } from './faults';

export async function duplicateStorm(client: CloudClient, options: { keys: number; retries: number }): Promise<FaultFigure> {
  const since = new Date().toISOString();
  const keys = Array.from({ length: options.keys }, () => randomUUID());
  const answers = await Promise.all(keys.flatMap((key) => Array.from({ length: options.retries }, () => client.submit(key).then((answer) => ({ key, ...answer })))));
  const statuses: Record<string, number> = {};
  const idsByKey = new Map<string, Set<string>>(keys.map((key) => [key, new Set()]));
  for (const answer of answers) {
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    if (answer.status === 200 || answer.status === 201) {
      idsByKey.get(answer.key)!.add(answer.body.applicationId);
    }
  }
  const applicant = answers.find((answer) => answer.body?.applicant)?.body.applicant;
  const created = applicant ? await applicationsSince(client, applicant, since) : [];
  const answered = [...new Set([...idsByKey.values()].flatMap((ids) => [...ids]))];
  const outcome = await settle(client, answered, 120_000);
  const failed = new Set([...outcome.unfinished.map((entry) => entry.applicationId), ...outcome.incomplete, ...outcome.repeated]);
  const finished = (ids: Set<string>) => ids.size > 0 && [...ids].every((id) => !failed.has(id));
  const completed = [...idsByKey.values()].filter(finished).length;
  return {
    scenario: `duplicate-submission storm: ${options.keys} keys × ${options.retries} at once`,
    how: 'child local cloud; every request of a key carries the same body; then each application driven to approval',
    submitted: options.keys,
    completed,
    lost: options.keys - completed - outcome.repeated.length,
    duplicated: Math.max(0, Math.max(created.length, answered.length) - options.keys) + outcome.repeated.length,
    details: {
      ...(outcome.unfinished.length ? { unfinished: outcome.unfinished } : {}),
      ...(outcome.incomplete.length ? { 'approved with a side effect never recorded': outcome.incomplete.length } : {}),
      ...(outcome.mismatches.length ? { 'timelines not as expected': outcome.mismatches } : {}),
      requests: answers.length, statuses, 'applications created': created.length },
  };
}
