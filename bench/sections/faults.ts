// Section 6, shared: what a fault figure reports, and the check that each application reached its end state
// with every side effect recorded exactly once (its timeline: one submission, one assignment and one decision
// per step, one approval).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { applicantKey } from '../../functions/applications/domain/applications';
import { AGENCY_QUEUE_VISIBILITY_SECONDS } from '../../lib/platform/workflow';
import { tableName } from '../../lib/platform/tables';
import { type CloudClient, vehicleSteps } from '../client';
import type { Row } from '../rows';

export interface FaultFigure {
  readonly scenario: string;
  readonly how: string;
  readonly submitted: number;
  readonly completed: number;
  readonly lost: number;
  readonly duplicated: number;
  /** Answers with a 5xx status, where the figure counts them (the storm: overload must be 429 or 503-free). */
  readonly serverErrors?: number;
  readonly details: Record<string, unknown>;
}

export function faultRow(figure: FaultFigure): Row {
  return {
    section: 'Fault',
    item: figure.scenario,
    measured: `submitted ${figure.submitted}, completed ${figure.completed}, lost ${figure.lost}, duplicated ${figure.duplicated}${figure.serverErrors === undefined ? '' : `, 5xx ${figure.serverErrors}`}`,
    budget: `lost 0, duplicated 0${figure.serverErrors === undefined ? '' : ', 5xx 0'}`,
    verdict: figure.lost === 0 && figure.duplicated === 0 && (figure.serverErrors ?? 0) === 0 && figure.completed === figure.submitted ? 'ok' : 'FAIL',
    note: `${figure.how}; ${Object.entries(figure.details).map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : value}`).join(', ')}`,
  };
}

export interface Outcome {
  /** Approved, with every side effect recorded exactly once. */
  readonly completed: number;
  /** Not approved in time, with their status. */
  readonly unfinished: Array<{ readonly applicationId: string; readonly status?: string; readonly tasks: Record<string, string> }>;
  /** Approved with a side effect recorded more than once. */
  readonly repeated: string[];
  /** Approved with a side effect never recorded (e.g. a step decided but never assigned). */
  readonly incomplete: string[];
  readonly mismatches: Array<{ readonly applicationId: string; readonly counts: Record<string, number> }>;
}

const expected: Record<string, number> = { ApplicationSubmitted: 1, TaskAssigned: vehicleSteps.length, TaskDecided: vehicleSteps.length, ApplicationApproved: 1 };

/** Drives every application to approval, then reads each one's timeline. */
export async function settle(client: CloudClient, applicationIds: readonly string[], timeoutMs: number): Promise<Outcome> {
  // A draft moves only when its client submits it again; the rest get a stall window longer than the agency
  // queues' visibility timeout, after which a failed task message is retried.
  const drafts = (await Promise.all(applicationIds.map(async (id) => ((await client.status(id)) === 'draft' ? id : undefined)))).filter((id): id is string => id !== undefined);
  const driven = applicationIds.filter((id) => !drafts.includes(id));
  const unfinished = [...drafts, ...(await client.driveToApproval(driven, timeoutMs, (AGENCY_QUEUE_VISIBILITY_SECONDS + 15) * 1000))];
  const mismatches: Outcome['mismatches'] = [];
  for (const applicationId of applicationIds.filter((id) => !unfinished.includes(id))) {
    const { body } = await client.call(`/v1/applications/${applicationId}`, 'citizen');
    const counts: Record<string, number> = {};
    for (const entry of body.timeline as Array<{ type: string }>) {
      counts[entry.type] = (counts[entry.type] ?? 0) + 1;
    }
    if (Object.entries(expected).some(([type, count]) => counts[type] !== count) || body.outcome?.documentId !== `DOC-${applicationId}`) {
      mismatches.push({ applicationId, counts: { ...counts, document: body.outcome?.documentId === `DOC-${applicationId}` ? 1 : 0 } });
    }
  }
  const over = (entry: Outcome['mismatches'][number]) => Object.entries(expected).some(([type, count]) => (entry.counts[type] ?? 0) > count);
  const repeated = mismatches.filter(over).map((entry) => entry.applicationId);
  const incomplete = mismatches.filter((entry) => !over(entry)).map((entry) => entry.applicationId);
  return {
    completed: applicationIds.length - unfinished.length - repeated.length - incomplete.length,
    unfinished: await Promise.all(unfinished.map(async (applicationId) => ({ applicationId, status: await client.status(applicationId), tasks: await taskStates(client, applicationId) }))),
    repeated,
    incomplete,
    mismatches,
  };
}

/** Each step's task as the table holds it: status, and whether a decision reached the workflow. */
async function taskStates(client: CloudClient, applicationId: string): Promise<Record<string, string>> {
  const states: Record<string, string> = {};
  for (const step of vehicleSteps) {
    const task = await client.task(`${applicationId}.${step.stepId}`);
    const decided = client.decisions.get(`${applicationId}.${step.stepId}`);
    states[step.stepId] = task ? `${task.status}${task.delivered === false ? ' (not delivered)' : ''}${decided ? `, last decision answered ${decided}` : ''}` : 'none';
  }
  return states;
}

/** The citizen's applications created since `sinceIso`, straight from the applicant index (duplicates the API would hide). */
export async function applicationsSince(client: CloudClient, applicant: { kind: string; recordId: string }, sinceIso: string): Promise<string[]> {
  const ids: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.tables.send(
      new QueryCommand({
        TableName: tableName('local', 'applications'),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
        ExpressionAttributeValues: { ':pk': `APPLICANT#${applicantKey(applicant)}`, ':since': sinceIso },
        ExclusiveStartKey,
      }),
    );
    ids.push(...(page.Items ?? []).map((item) => String(item.summary.applicationId)));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return ids;
}
