// A request that dies halfway must not lose or duplicate anything: the domain driven directly on the local
// cloud's DynamoDB Local tables, with a fault injected at a port (the moment a Lambda would have been killed),
// then retried the way a client or the platform retries.
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoApplications } from '../../functions/applications/dynamo-applications';
import { dynamoTasks } from '../../functions/applications/dynamo-tasks';
import { type ApplicationDeps, cancelApplication, submitApplication } from '../../functions/applications/domain/applications';
import { reconcileApplications } from '../../functions/applications/domain/reconcile';
import { decideTask, openTask, redeliverDecisions, releaseAwaitingPayment, type TaskDeps } from '../../functions/applications/domain/tasks';
import { dynamoRegistry, sharingWriter } from '../../functions/registry/dynamo-registry';
import { shareForApplication } from '../../functions/registry/domain/sharing';
import { resolvePrincipal } from '../../functions/shared/identity';
import { dynamoCatalogue } from '../../functions/services/dynamo-catalogue';
import type { WorkflowEngine } from '../../functions/workflow/ports';
import { tableName } from '../../lib/platform/tables';
import { until } from '../support/wait';
import { api, tables, tokenFor } from '../support/api';
import { localCalendar } from '../support/calendar';

const VEHICLE = {
  serviceId: 'vehicle-registration-renewal',
  answers: { plateNumber: '12-34567', chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881' },
  channel: 'portal' as const,
};
const APPLICATIONS = tableName('local', 'applications');

const subOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
const registryDeps = () => ({ store: dynamoRegistry(tables(), { registry: tableName('local', 'registry'), audit: tableName('local', 'audit') }), now: () => new Date() });
const principalOf = async (user: string, groups: string[]) => resolvePrincipal(registryDeps(), { sub: subOf(await tokenFor(user)), groups: groups as never });

function recordingWorkflow() {
  const calls: Array<[string, ...unknown[]]> = [];
  const workflow: WorkflowEngine = {
    start: async (input) => void calls.push(['start', input.applicationId]),
    resume: async (input) => {
      calls.push(['resume', input.applicationId]);
      return 'running';
    },
    sendTaskSuccess: async (token) => void calls.push(['success', token]),
    sendTaskFailure: async (token) => void calls.push(['failure', token]),
    stop: async () => {},
  };
  return { workflow, calls };
}

/** Application deps on the local tables; `share` (a draft's submission) may fail the way a killed request would; the clock may run ahead. */
function applicationDeps(workflow: WorkflowEngine, failShares = 0, aheadMs = 0): ApplicationDeps {
  const catalogue = dynamoCatalogue(tables(), tableName('local', 'catalogue'));
  const registry = registryDeps();
  let failures = failShares;
  return {
    store: dynamoApplications(tables(), {
      applications: APPLICATIONS,
      idempotency: tableName('local', 'idempotency'),
      withSharing: sharingWriter(tables(), { registry: tableName('local', 'registry'), audit: tableName('local', 'audit') }),
    }),
    catalogue: { getCurrent: (serviceId) => catalogue.getCurrent(serviceId), rollout: () => catalogue.getRollout() },
    registry: {
      shareForApplication: async (input) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('injected: the function was killed while sharing');
        }
        return shareForApplication(registry, input);
      },
      record: (subject) => registry.store.getRecord(subject.kind, subject.recordId),
      assistingConsent: () => Promise.reject(new Error('no assisted applications here')),
      liveConsents: async () => [],
      accountOf: (subject) => registry.store.getAccount(subject.kind, subject.recordId),
      roleInBusiness: async () => undefined,
    },
    workflow,
    calendar: localCalendar,
    now: () => new Date(Date.now() + aheadMs),
  };
}

async function partition(applicationId: string) {
  const { Items = [] } = await tables().send(new QueryCommand({ TableName: APPLICATIONS, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `APP#${applicationId}` }, ConsistentRead: true }));
  return Items;
}

const eventTypes = async (applicationId: string) => (await partition(applicationId)).filter((item) => String(item.sk).startsWith('EVT#')).map((item) => item.event.type as string);

async function sharedFor(citizen: Awaited<ReturnType<typeof principalOf>>, applicationId: string) {
  const registry = registryDeps();
  const consents = (await registry.store.listConsents(citizen.subject!.kind, citizen.subject!.recordId)).filter((consent) => consent.purpose.startsWith(`application ${applicationId}:`));
  const audit = await registry.store.readAudit(`${citizen.subject!.kind}:${citizen.subject!.recordId}`, 0, 10_000);
  return { consents, reads: audit.filter((record) => record.action === 'registry.read' && record.purpose?.startsWith(`application ${applicationId}:`)) };
}

describe('a submission that fails after claiming its Idempotency-Key', () => {
  it('leaves nothing behind when it dies before its one write; the retry submits once, sharing the data once', async () => {
    const citizen = await principalOf('citizen', ['citizen']);
    const { workflow, calls } = recordingWorkflow();
    const key = randomUUID();
    const deps = applicationDeps(workflow);
    // The key's claim, the application, its event, the consents and the audited read are one transaction: killed before it, nothing is written.
    const dying: ApplicationDeps = { ...deps, store: { ...deps.store, create: () => Promise.reject(new Error('injected: the function was killed before writing')) } };
    await expect(submitApplication(dying, citizen, VEHICLE, key, { requestId: 'r1' })).rejects.toThrow('injected');
    expect(calls).toEqual([]);
    const retried = await submitApplication(deps, citizen, VEHICLE, key, { requestId: 'r2' });
    expect(retried).toMatchObject({ replayed: false, application: { status: 'submitted', version: 2 } });
    const { applicationId } = retried.application;
    expect(calls).toEqual([['start', applicationId]]);
    expect(await eventTypes(applicationId)).toEqual(['ApplicationSubmitted']);
    // A later try is a plain replay: the same application, as read back.
    const replay = await submitApplication(deps, citizen, VEHICLE, key, { requestId: 'r3' });
    expect(replay).toMatchObject({ replayed: true, application: { applicationId, status: 'submitted', version: 2 } });
    expect(replay.application.timeline).toEqual(retried.application.timeline);
    expect(calls).toEqual([['start', applicationId]]);
    const shared = await sharedFor(citizen, applicationId);
    expect(shared.consents.length).toBeGreaterThan(0);
    expect(new Set(shared.consents.map((consent) => consent.grantee.id)).size).toBe(shared.consents.length);
    expect(shared.reads).toHaveLength(1);
  });

  it('is answered, once written, though it died before starting the workflow (the reconciler starts it)', async () => {
    const citizen = await principalOf('citizen', ['citizen']);
    const key = randomUUID();
    const dying = applicationDeps({ ...recordingWorkflow().workflow, start: () => Promise.reject(new Error('injected: killed before the workflow started')) });
    await expect(submitApplication(dying, citizen, VEHICLE, key, {})).rejects.toThrow('injected');
    const replay = await submitApplication(applicationDeps(recordingWorkflow().workflow), citizen, VEHICLE, key, {});
    expect(replay).toMatchObject({ replayed: true, application: { status: 'submitted' } });
    expect(await eventTypes(replay.application.applicationId)).toEqual(['ApplicationSubmitted']);
    expect((await sharedFor(citizen, replay.application.applicationId)).reads).toHaveLength(1);
  });

  it('gives concurrent retries the submission or a 409 to come back, and the one application, started once', async () => {
    const citizen = await principalOf('citizen', ['citizen']);
    const { workflow, calls } = recordingWorkflow();
    const deps = applicationDeps(workflow);
    const key = randomUUID();
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, index) => submitApplication(deps, citizen, VEHICLE, key, { requestId: `c${index}` })));
    const answered = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value.application] : []));
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(refused.every((reason) => reason.code === 'submission_in_progress')).toBe(true);
    expect(answered.length).toBeGreaterThan(0);
    const ids = new Set([...answered.map((application) => application.applicationId), ...refused.map((reason) => reason.details.applicationId)]);
    expect(ids.size).toBe(1);
    const [applicationId] = [...ids];
    expect(answered.every((application) => application.status === 'submitted')).toBe(true);
    // Retried afterwards: the submission.
    expect((await submitApplication(deps, citizen, VEHICLE, key, {})).application).toMatchObject({ applicationId, status: 'submitted' });
    expect(calls.filter(([kind]) => kind === 'start')).toEqual([['start', applicationId]]);
    expect(await eventTypes(applicationId!)).toEqual(['ApplicationSubmitted']);
    const shared = await sharedFor(citizen, applicationId!);
    expect(new Set(shared.consents.map((consent) => consent.grantee.id)).size).toBe(shared.consents.length);
    expect(shared.reads).toHaveLength(1);
  });

  it('lets one citizen submit many applications at once without a failure', async () => {
    const citizen = await principalOf('citizen', ['citizen']);
    const deps = applicationDeps(recordingWorkflow().workflow);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => submitApplication(deps, citizen, VEHICLE, randomUUID(), {})));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
  });
});

describe('a decision whose run dies between the task and the application', () => {
  async function decidedButNotRecorded() {
    const submitted = await api('/v1/applications', { method: 'POST', token: await tokenFor('citizen'), body: VEHICLE, headers: { 'idempotency-key': randomUUID() } });
    expect(submitted.status).toBe(201);
    const applicationId = submitted.body.applicationId as string;
    const taskId = `${applicationId}.fines-check`;
    const tasks = dynamoTasks(tables(), APPLICATIONS);
    await until(`task ${taskId} opened`, async () => Boolean(await tasks.get(taskId)));
    const store = dynamoApplications(tables(), { applications: APPLICATIONS, idempotency: tableName('local', 'idempotency') });
    const { workflow, calls } = recordingWorkflow();
    // A decision is now one write of the task and the application; the state left by a run of the earlier code
    // (two writes, killed between them) is made here as that run left it: the task decided, the application not.
    const dying: TaskDeps = {
      tasks: {
        ...tasks,
        saveWithApplication: async (task, expectedVersion) => {
          await tasks.save(task, expectedVersion);
          throw new Error('injected: killed before the application was saved');
        },
      },
      applications: store,
      workflow,
      calendar: localCalendar,
      now: () => new Date(),
    };
    const officer = await principalOf('officer-gam', ['officer']);
    await expect(decideTask(dying, officer, taskId, 'approve', undefined)).rejects.toThrow('injected');
    expect((await tasks.get(taskId))?.status).toBe('decided');
    expect(await eventTypes(applicationId)).not.toContain('TaskDecided');
    expect(calls).toEqual([]);
    return { applicationId, taskId, tasks, store };
  }

  it("is completed by the same officer's retry: 200, recorded once, the workflow told", async () => {
    const { applicationId, taskId } = await decidedButNotRecorded();
    const retry = await api(`/v1/tasks/${taskId}/decision`, { method: 'POST', token: await tokenFor('officer-gam'), body: { decision: 'approve' } });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ taskId, status: 'decided', decision: 'approve' });
    const again = await api(`/v1/tasks/${taskId}/decision`, { method: 'POST', token: await tokenFor('officer-gam'), body: { decision: 'approve' } });
    expect(again.status).toBe(200);
    const other = await api(`/v1/tasks/${taskId}/decision`, { method: 'POST', token: await tokenFor('officer-gam'), body: { decision: 'reject', note: 'changed my mind' } });
    expect(other.status).toBe(409);
    expect((await eventTypes(applicationId)).filter((type) => type === 'TaskDecided')).toHaveLength(1);
    const application = await api(`/v1/applications/${applicationId}`, { token: await tokenFor('citizen') });
    const step = application.body.stages.flatMap((stage: { steps: Array<{ stepId: string; status: string }> }) => stage.steps).find((entry: { stepId: string }) => entry.stepId === 'fines-check');
    expect(step.status).toBe('approved');
  });

  it('is completed when a restarted execution sends the step again', async () => {
    const { applicationId, taskId, tasks, store } = await decidedButNotRecorded();
    const { workflow, calls } = recordingWorkflow();
    const deps: TaskDeps = { tasks, applications: store, workflow, calendar: localCalendar, now: () => new Date() };
    const message = { applicationId, stepId: 'fines-check', agencyId: 'gam', slaHours: 48, taskToken: `restarted-${randomUUID()}` };
    await openTask(deps, message);
    await openTask(deps, message);
    expect(calls).toEqual([['success', message.taskToken]]);
    expect((await eventTypes(applicationId)).filter((type) => type === 'TaskDecided')).toHaveLength(1);
    expect(await tasks.get(taskId)).toMatchObject({ status: 'decided', delivered: true, taskToken: message.taskToken });
  });

  it('is completed by the sweep when nobody retries, once the decision is a minute old', async () => {
    const { applicationId, taskId, tasks, store } = await decidedButNotRecorded();
    const { workflow, calls } = recordingWorkflow();
    const at = (seconds: number) => ({ tasks, applications: store, workflow, calendar: localCalendar, now: () => new Date(Date.now() + seconds * 1000) });
    expect((await redeliverDecisions(at(0), ['gam'])).redelivered).not.toContain(taskId);
    expect((await redeliverDecisions(at(120), ['gam'])).redelivered).toContain(taskId);
    expect((await redeliverDecisions(at(240), ['gam'])).redelivered).not.toContain(taskId);
    const { taskToken } = (await tasks.get(taskId))!;
    expect(calls.filter(([, token]) => token === taskToken)).toEqual([['success', taskToken]]);
    expect((await eventTypes(applicationId)).filter((type) => type === 'TaskDecided')).toHaveLength(1);
    expect(await tasks.get(taskId)).toMatchObject({ status: 'decided', delivered: true });
  });
});

describe('a task opened by a consumer that died before recording it', () => {
  it('is recorded with the decision: TaskAssigned then TaskDecided, once each', async () => {
    const citizen = await principalOf('citizen', ['citizen']);
    const submitted = await submitApplication(applicationDeps(recordingWorkflow().workflow), citizen, VEHICLE, randomUUID(), {});
    const { applicationId } = submitted.application;
    const tasks = dynamoTasks(tables(), APPLICATIONS);
    const store = dynamoApplications(tables(), { applications: APPLICATIONS, idempotency: tableName('local', 'idempotency') });
    const { workflow, calls } = recordingWorkflow();
    const dying: TaskDeps = { tasks, applications: { ...store, save: async () => Promise.reject(new Error('injected: killed after opening the task')) }, workflow, calendar: localCalendar, now: () => new Date() };
    const message = { applicationId, stepId: 'fines-check', agencyId: 'gam', slaHours: 48, taskToken: `t-${randomUUID()}` };
    await expect(openTask(dying, message)).rejects.toThrow('injected');
    expect(await eventTypes(applicationId)).toEqual(['ApplicationSubmitted']);
    const officer = await principalOf('officer-gam', ['officer']);
    await decideTask({ tasks, applications: store, workflow, calendar: localCalendar, now: () => new Date() }, officer, `${applicationId}.fines-check`, 'approve', undefined);
    expect(await eventTypes(applicationId)).toEqual(['ApplicationSubmitted', 'TaskAssigned', 'TaskDecided']);
    expect((await store.get(applicationId))?.status).toBe('in-progress');
    expect(calls).toEqual([['success', message.taskToken]]);
  });
});

describe('a step held for its fee when the execution is restarted', () => {
  it("takes the new execution's token, so the decision after the payment reaches the running execution", async () => {
    const citizen = await principalOf('citizen', ['citizen']);
    const extract = { serviceId: 'civil-status-extract', answers: { extractType: 'individual' }, channel: 'portal' as const };
    const { applicationId } = (await submitApplication(applicationDeps(recordingWorkflow().workflow), citizen, extract, randomUUID(), {})).application;
    const store = dynamoApplications(tables(), { applications: APPLICATIONS, idempotency: tableName('local', 'idempotency') });
    const { workflow, calls } = recordingWorkflow();
    const deps: TaskDeps = { tasks: dynamoTasks(tables(), APPLICATIONS), applications: store, workflow, calendar: localCalendar, now: () => new Date() };
    const step = { applicationId, stepId: 'generate-extract', agencyId: 'cspd', slaHours: 24 };
    const taskId = `${applicationId}.generate-extract`;
    await openTask(deps, { ...step, taskToken: `dead-${randomUUID()}` });
    expect((await deps.tasks.get(taskId))?.status).toBe('awaiting-payment');
    // The execution is lost (a crash of the local cloud, a failed execution) and the reconciler starts another.
    const live = `live-${randomUUID()}`;
    await openTask(deps, { ...step, taskToken: live });
    expect(await deps.tasks.get(taskId)).toMatchObject({ status: 'awaiting-payment', taskToken: live });
    // Paid (as the payment's notification records it), the step opens; the officer's decision goes to the live token.
    const due = (await store.get(applicationId))!;
    await store.save({ ...due, payment: { ...due.payment!, status: 'paid' }, version: due.version + 1 }, due.version, []);
    expect((await releaseAwaitingPayment(deps, applicationId)).opened).toEqual([taskId]);
    await decideTask(deps, await principalOf('officer-cspd', ['officer']), taskId, 'approve', undefined);
    expect(calls).toEqual([['success', live]]);
  });
});

describe('the reconciler', () => {
  it('resumes applications left unchanged past the grace period, and leaves fresh and finished ones alone', async () => {
    const citizen = await principalOf('citizen', ['citizen']);
    const deps = applicationDeps(recordingWorkflow().workflow);
    const [left, cancelled] = await Promise.all([submitApplication(deps, citizen, VEHICLE, randomUUID(), {}), submitApplication(deps, citizen, VEHICLE, randomUUID(), {})]);
    await cancelApplication(deps, citizen, cancelled.application.applicationId, 'changed my mind');
    const resumedAt = async (seconds: number) => {
      const { workflow, calls } = recordingWorkflow();
      await reconcileApplications({ applications: deps.store, workflow, now: () => new Date(Date.now() + seconds * 1000) }, 900);
      return calls.filter(([kind]) => kind === 'resume').map(([, id]) => id);
    };
    expect(await resumedAt(0)).not.toContain(left.application.applicationId);
    const later = await resumedAt(3600);
    expect(later).toContain(left.application.applicationId);
    expect(later).not.toContain(cancelled.application.applicationId);
    expect(new Set(later).size).toBe(later.length);
  });

  it('looks, on its hourly pass, only at applications submitted in its window: its reads follow the work due, not the applications in flight', async () => {
    const citizen = await principalOf('citizen', ['citizen']);
    const deps = applicationDeps(recordingWorkflow().workflow);
    const { application } = await submitApplication(deps, citizen, VEHICLE, randomUUID(), {});
    const submittedAt = Date.parse(application.submittedAt!);
    // An hour later, with a grace of 15 minutes: the cutoff is 45 minutes after the submission.
    const pass = async (windowSeconds?: number) => {
      const { workflow, calls } = recordingWorkflow();
      const result = await reconcileApplications({ applications: deps.store, workflow, now: () => new Date(submittedAt + 3600_000) }, 900, windowSeconds === undefined ? {} : { windowSeconds });
      return { ...result, looked: calls.filter(([kind]) => kind === 'resume').map(([, id]) => String(id)) };
    };
    const wide = await pass(3 * 3600);
    expect(wide.looked).toContain(application.applicationId);
    const narrow = await pass(30 * 60); // from 15 minutes after the submission: not in it
    expect(narrow.looked).not.toContain(application.applicationId);
    const windowStart = submittedAt + 45 * 60_000 - 30 * 60_000;
    const looked = await Promise.all(narrow.looked.map((id) => deps.store.get(id)));
    expect(looked.filter((stored) => Date.parse(stored!.submittedAt!) < windowStart)).toEqual([]);
    expect(narrow.checked).toBe(narrow.looked.length);
    const all = await pass();
    expect(all.looked).toContain(application.applicationId);
    expect(all.checked).toBeGreaterThanOrEqual(wide.checked);
  });
});

describe('a cancellation racing the workflow', () => {
  it('is applied to what the workflow wrote meanwhile, not refused as stale (the applicant named no version)', async () => {
    const citizen = await principalOf('citizen', ['citizen']);
    const deps = applicationDeps(recordingWorkflow().workflow);
    const { application } = await submitApplication(deps, citizen, VEHICLE, randomUUID(), {});
    let raced = 0;
    const racing: ApplicationDeps = {
      ...deps,
      store: {
        ...deps.store,
        // Between the cancellation's read and its write, the workflow moves the application on (twice).
        save: async (next, expectedVersion, events) => {
          if (raced < 2) {
            raced += 1;
            const current = (await deps.store.get(next.applicationId))!;
            await deps.store.save({ ...current, version: current.version + 1, updatedAt: new Date().toISOString() }, current.version, []);
          }
          return deps.store.save(next, expectedVersion, events);
        },
      },
    };
    await cancelApplication(racing, citizen, application.applicationId, 'changed my mind');
    expect(raced).toBe(2);
    expect(await deps.store.get(application.applicationId)).toMatchObject({ status: 'cancelled', version: application.version + 3, outcome: { decision: 'cancelled', reason: 'changed my mind' } });
  });
});
