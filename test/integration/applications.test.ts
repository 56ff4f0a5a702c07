// Applications end to end on the local cloud: submit with an Idempotency-Key, prefill under consent, the
// workflow (the synthesized state machine on aws-local-stepfunctions, agency queues with SQS semantics),
// officers' inboxes and decisions, approval with a document, rejection, cancellation, drafts across channels.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { DomainEvent } from '../../schemas/applications';
import { dynamoApplications } from '../../functions/applications/dynamo-applications';
import { dynamoTasks } from '../../functions/applications/dynamo-tasks';
import { escalateOverdue, type TaskDeps } from '../../functions/applications/domain/tasks';
import { tableName } from '../../lib/platform/tables';
import { api, cloudState, tables, tokenFor } from '../support/api';
import { localCalendar } from '../support/calendar';
import { type Citizen, freshCitizen } from '../support/engagement';
import { allItems, findInPages } from '../support/pages';
import { until } from '../support/wait';
import { photoOf } from '../support/uploads';

const VEHICLE = {
  serviceId: 'vehicle-registration-renewal',
  answers: { plateNumber: '12-34567', chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881' },
  channel: 'portal',
};

const key = () => randomUUID();

async function submit(body: object, user = 'citizen', idempotencyKey = key()) {
  return submitWith(await tokenFor(user), body, idempotencyKey);
}

function submitWith(token: string, body: object, idempotencyKey = key()) {
  return api('/v1/applications', { method: 'POST', token, body, headers: { 'idempotency-key': idempotencyKey } });
}

/** Every application of the caller, all pages. */
async function applicationIdsOf(token: string): Promise<string[]> {
  return (await allItems<{ applicationId: string }>('/v1/me/applications', token)).map((item) => item.applicationId);
}

/** Waits until the agency's inbox holds the open task of this application's step (the queue is asynchronous). */
async function openTask(agencyId: string, applicationId: string, stepId: string) {
  const token = await tokenFor(`officer-${agencyId}`);
  return until(`open task ${stepId} of ${applicationId} in ${agencyId}'s inbox`, async () =>
    findInPages<{ taskId: string; applicationId: string; stepId: string; dueAt: string; overdue: boolean }>(
      `/v1/agencies/${agencyId}/tasks?status=open`,
      token,
      (item) => item.applicationId === applicationId && item.stepId === stepId,
    ),
  );
}

/** The domain's task adapters on the local cloud's tables, for driving it with an injected clock. */
function directTaskDeps(): TaskDeps {
  const applications = tableName('local', 'applications');
  return {
    tasks: dynamoTasks(tables(), applications),
    applications: dynamoApplications(tables(), { applications, idempotency: tableName('local', 'idempotency') }),
    workflow: { start: async () => {}, resume: async () => 'running', sendTaskSuccess: async () => {}, sendTaskFailure: async () => {}, stop: async () => {} },
    calendar: localCalendar,
    now: () => new Date(),
  };
}

/** The events the local bus published for an application, once `last` has been published. */
async function publishedEvents(applicationId: string, last: DomainEvent['type']): Promise<DomainEvent[]> {
  return until(`${last} of ${applicationId} on the bus`, async () => {
    const file = cloudState().events;
    const events = existsSync(file)
      ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as DomainEvent).filter((event) => event.applicationId === applicationId)
      : [];
    return events.some((event) => event.type === last) && events;
  });
}

async function decide(agencyId: string, taskId: string, decision: 'approve' | 'reject' | 'request-info', note?: string) {
  return api(`/v1/tasks/${taskId}/decision`, { method: 'POST', token: await tokenFor(`officer-${agencyId}`), body: { decision, ...(note ? { note } : {}) } });
}

async function waitForStatus(applicationId: string, status: string, user = 'citizen') {
  let last: string | undefined;
  try {
    return await until(`application ${applicationId} ${status}`, async () => {
      const response = await api(`/v1/applications/${applicationId}`, { token: await tokenFor(user) });
      last = response.body.status;
      return last === status && response.body;
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}; it is ${last}`);
  }
}

describe('a two-agency service with parallel approvals', () => {
  it('goes from submission through both agencies to approval with a document', async () => {
    const submitted = await submit(VEHICLE);
    expect(submitted.status).toBe(201);
    const application = submitted.body;
    expect(application).toMatchObject({
      serviceId: 'vehicle-registration-renewal',
      status: 'submitted',
      channel: 'portal',
      applicant: { kind: 'persons', recordId: '9861012345' },
      prefill: { 'person.nationalNumber': '9861012345', 'person.fullName': { ar: 'عمر خالد محمود الحداد', en: 'Omar Khaled Mahmoud Haddad' }, 'person.phone': '+962791234567' },
      fees: { amountJod: expect.any(Number) },
      expectedCompletionDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(application.consentIds.length).toBeGreaterThan(0);
    const { applicationId } = application;

    // Stage 1 runs in parallel: both agencies get their task before either decides.
    const [insurance, fines] = await Promise.all([openTask('dvld', applicationId, 'insurance-check'), openTask('gam', applicationId, 'fines-check')]);
    expect((await decide('dvld', insurance.taskId, 'approve')).status).toBe(200);
    expect((await decide('gam', fines.taskId, 'approve')).status).toBe(200);
    // Stages 2 and 3 follow in order.
    const inspection = await openTask('dvld', applicationId, 'technical-inspection');
    expect((await decide('dvld', inspection.taskId, 'approve', 'Vehicle passed inspection')).status).toBe(200);
    const issue = await openTask('dvld', applicationId, 'issue-registration');
    expect((await decide('dvld', issue.taskId, 'approve')).status).toBe(200);

    const approved = await waitForStatus(applicationId, 'approved');
    expect(approved.outcome).toEqual({ decision: 'approved', documentId: `DOC-${applicationId}` });
    expect(approved.stages.flatMap((stage: { steps: Array<{ status: string }> }) => stage.steps.map((step) => step.status))).toEqual([
      'approved',
      'approved',
      'approved',
      'approved',
    ]);
    expect(approved.timeline.map((entry: { type: string }) => entry.type)).toEqual([
      'ApplicationSubmitted',
      'TaskAssigned',
      'TaskAssigned',
      'TaskDecided',
      'TaskDecided',
      'TaskAssigned',
      'TaskDecided',
      'TaskAssigned',
      'TaskDecided',
      'ApplicationApproved',
    ]);
    expect(approved.timeline.every((entry: { at: string; by: { role: string } }) => entry.at && entry.by.role)).toBe(true);

    // The outbox reached the event bus: every event of the timeline, once, each valid against its schema.
    const published = await publishedEvents(applicationId, 'ApplicationApproved');
    expect(published.map((event) => event.type)).toEqual(approved.timeline.map((entry: { type: string }) => entry.type));
    expect(new Set(published.map((event) => event.eventId)).size).toBe(published.length);
    for (const event of published) {
      expect(DomainEvent.safeParse(event).success).toBe(true);
    }

    // The agencies involved and the auditor see it; another citizen and an uninvolved agency do not.
    expect((await api(`/v1/applications/${applicationId}`, { token: await tokenFor('officer-gam') })).status).toBe(200);
    expect((await api(`/v1/applications/${applicationId}`, { token: await tokenFor('auditor') })).status).toBe(200);
    expect((await api(`/v1/applications/${applicationId}`, { token: await tokenFor('citizen2') })).status).toBe(404);
    expect((await api(`/v1/applications/${applicationId}`, { token: await tokenFor('officer-moh') })).status).toBe(404);
  });
});

describe('requests for more information', () => {
  it('holds the step until the applicant answers, then the officer sees the answer and decides', async () => {
    const { body } = await submit(VEHICLE);
    const fines = await openTask('gam', body.applicationId, 'fines-check');
    expect((await decide('gam', fines.taskId, 'request-info')).body.error.code).toBe('question_required');
    const asked = await decide('gam', fines.taskId, 'request-info', 'Please send the receipt of the 2025 parking fine');
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'info-requested', information: [{ question: 'Please send the receipt of the 2025 parking fine' }] });
    const waiting = await waitForStatus(body.applicationId, 'info-requested');
    expect(waiting.stages[0].steps.find((step: { stepId: string }) => step.stepId === 'fines-check')).toMatchObject({
      status: 'info-requested',
      question: 'Please send the receipt of the 2025 parking fine',
    });
    expect((await decide('gam', fines.taskId, 'approve')).body.error.code).toBe('awaiting_applicant');

    const answerPath = `/v1/applications/${body.applicationId}/information`;
    expect((await api(answerPath, { method: 'POST', token: await tokenFor('citizen2'), body: { answer: 'x' } })).status).toBe(404);
    expect((await api(answerPath, { method: 'POST', token: await tokenFor('citizen'), body: { answer: '' } })).status).toBe(400);
    const answered = await api(answerPath, { method: 'POST', token: await tokenFor('citizen'), body: { answer: 'Receipt number GAM-2025-44127' } });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('in-progress');
    expect(answered.body.timeline.map((entry: { type: string }) => entry.type)).toEqual(expect.arrayContaining(['InformationRequested', 'InformationProvided']));
    expect((await api(answerPath, { method: 'POST', token: await tokenFor('citizen'), body: { answer: 'again' } })).body.error.code).toBe('no_information_requested');

    const reopened = await openTask('gam', body.applicationId, 'fines-check');
    expect(reopened).toMatchObject({ information: [{ question: 'Please send the receipt of the 2025 parking fine', answer: 'Receipt number GAM-2025-44127' }] });
    expect((await decide('gam', fines.taskId, 'approve')).status).toBe(200);
  });
});

describe('SLAs', () => {
  it('flags a task past its SLA as overdue and escalates it once (time injected)', async () => {
    const { body } = await submit(VEHICLE);
    const fines = await openTask('gam', body.applicationId, 'fines-check');
    expect(fines.overdue).toBe(false);
    const later = new Date(Date.parse(fines.dueAt) + 60_000);
    const deps = { ...directTaskDeps(), now: () => later };
    const first = await escalateOverdue(deps, ['gam', 'dvld']);
    expect(first.escalated).toEqual(expect.arrayContaining([fines.taskId]));
    const second = await escalateOverdue(deps, ['gam', 'dvld']);
    expect(second.escalated).not.toContain(fines.taskId);

    const flagged = await openTask('gam', body.applicationId, 'fines-check');
    expect(flagged).toMatchObject({ overdue: true, escalatedAt: later.toISOString() });
    const application = await api(`/v1/applications/${body.applicationId}`, { token: await tokenFor('citizen') });
    // Both first-stage steps (gam's and dvld's) were past due: one escalation each, however often the sweep runs.
    const breaches = application.body.timeline.filter((entry: { type: string }) => entry.type === 'SlaBreached').map((entry: { summary: string }) => entry.summary);
    expect(breaches.sort()).toEqual(['Step fines-check is overdue and was escalated', 'Step insurance-check is overdue and was escalated']);
    const published = await publishedEvents(body.applicationId, 'SlaBreached');
    expect(published.filter((event) => event.type === 'SlaBreached' && event.stepId === 'fines-check')).toEqual([
      expect.objectContaining({ stepId: 'fines-check', agencyId: 'gam', taskId: fines.taskId, dueAt: fines.dueAt }),
    ]);
  });
});

describe('decisions', () => {
  it('lets exactly one of two officers decide a task; the other gets 409', async () => {
    const { body } = await submit(VEHICLE);
    const task = await openTask('gam', body.applicationId, 'fines-check');
    const [first, second] = await Promise.all([decide('gam', task.taskId, 'approve'), decide('gam', task.taskId, 'reject', 'Unpaid parking fines')]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    expect(loser.body.error.code).toBe('task_already_decided');
  });

  it('rejects the application with the reason when one agency rejects, and closes the other tasks to decisions', async () => {
    const { body } = await submit(VEHICLE);
    const [insurance, fines] = await Promise.all([openTask('dvld', body.applicationId, 'insurance-check'), openTask('gam', body.applicationId, 'fines-check')]);
    expect((await decide('gam', fines.taskId, 'reject')).body.error.code).toBe('reason_required');
    expect((await decide('gam', fines.taskId, 'reject', 'Unpaid municipal fines: 35 JOD')).status).toBe(200);
    const rejected = await waitForStatus(body.applicationId, 'rejected');
    expect(rejected.outcome).toEqual({ decision: 'rejected', reason: 'Unpaid municipal fines: 35 JOD' });
    expect(rejected.timeline.at(-1)).toMatchObject({ type: 'ApplicationRejected', summary: 'Rejected: Unpaid municipal fines: 35 JOD' });
    const late = await decide('dvld', insurance.taskId, 'approve');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('application_closed');
    // The other agency's task leaves its open inbox (closed by the event consumer).
    const officer = await tokenFor('officer-dvld');
    await until('the task closed', async () => {
      return findInPages<{ taskId: string }>('/v1/agencies/dvld/tasks?status=closed', officer, (item) => item.taskId === insurance.taskId);
    });
    const open = await allItems<{ taskId: string }>('/v1/agencies/dvld/tasks?status=open', officer);
    expect(open.some((item) => item.taskId === insurance.taskId)).toBe(false);
  });

  it("hides another agency's task", async () => {
    const { body } = await submit(VEHICLE);
    const task = await openTask('gam', body.applicationId, 'fines-check');
    expect((await decide('dvld', task.taskId, 'approve')).status).toBe(404);
    expect((await api('/v1/agencies/gam/tasks', { token: await tokenFor('officer-dvld') })).status).toBe(403);
  });
});

describe('submission rules', () => {
  /** One citizen for the refusals below, who never applies successfully: any application of theirs is a leak. */
  let applicant: Promise<Citizen> | undefined;
  const refusedApplicant = () => (applicant ??= freshCitizen());

  it('returns the same application for a retried key, and refuses the key with another body', async () => {
    const idempotencyKey = key();
    const first = await submit(VEHICLE, 'citizen', idempotencyKey);
    expect(first.status).toBe(201);
    const retry = await submit(VEHICLE, 'citizen', idempotencyKey);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.applicationId).toBe(first.body.applicationId);
    const other = await submit({ ...VEHICLE, channel: 'mobile' }, 'citizen', idempotencyKey);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('creates exactly one application from 50 concurrent submissions with one key', async () => {
    const idempotencyKey = key();
    // A citizen of this test alone: nothing else applies in their name meanwhile.
    const { token } = await freshCitizen();
    const photo = await photoOf(token);
    const body = { serviceId: 'passport-renewal', answers: { passportNumber: 'N1234567', photo: photo.answer, delivery: 'post' }, channel: 'mobile' };
    const responses = await Promise.all(Array.from({ length: 50 }, () => submitWith(token, body, idempotencyKey)));
    // Those arriving while the first is still being processed are told to come back (409), not raced with it.
    const busy = responses.filter((response) => response.status === 409);
    expect(busy.every((response) => response.body.error.code === 'submission_in_progress')).toBe(true);
    expect(responses.every((response) => [200, 201, 409].includes(response.status))).toBe(true);
    expect(responses.filter((response) => response.status === 201)).toHaveLength(1);
    const ids = new Set(responses.map((response) => response.body.applicationId ?? response.body.error.details.applicationId));
    expect(ids.size).toBe(1);
    const again = await submitWith(token, body, idempotencyKey);
    expect(again.status).toBe(200);
    expect(ids).toEqual(new Set([again.body.applicationId]));
    expect(await applicationIdsOf(token)).toEqual([again.body.applicationId]);
  });

  it.each([
    ['a service not launched yet', { serviceId: 'building-permit' }, 409, 'service_not_launched'],
    ['a phase not open yet, saying when', { serviceId: 'national-id-replacement', answers: { lossDate: '2026-11-01', lossReportNumber: 'PSD-7781', photo: 'doc:photo-omar-01' } }, 409, 'phase_not_open'],
    ['a channel the service is not offered on', { channel: 'call-centre' }, 403, 'forbidden'],
    ['an unknown service', { serviceId: 'no-such-service' }, 404, 'service_not_found'],
    ['an answer of the wrong type', { answers: { ...VEHICLE.answers, plateNumber: 12 } }, 400, 'validation_failed'],
    ['a missing required answer', { answers: { plateNumber: '12-34567' } }, 400, 'validation_failed'],
  ])('refuses %s, creating nothing', async (_case, change, status, code) => {
    const { token } = await refusedApplicant();
    const response = await submitWith(token, { ...VEHICLE, ...change });
    expect({ status: response.status, code: response.body.error?.code }).toEqual({ status, code });
    if (code === 'phase_not_open') {
      const { rolloutPhase, opensOn } = response.body.error.details;
      expect(rolloutPhase).toBe(3);
      expect(opensOn > new Date().toISOString().slice(0, 10)).toBe(true);
      expect(response.body.error.message).toContain(opensOn);
    }
    expect(await applicationIdsOf(token)).toEqual([]);
  });

  it('needs an Idempotency-Key', async () => {
    const response = await api('/v1/applications', { method: 'POST', token: await tokenFor('citizen'), body: VEHICLE });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('idempotency_key_required');
  });
});

describe('drafts, cancellation and the list', () => {
  it('saves a draft on the portal, finishes it on mobile, and submits it', async () => {
    const draft = await submit({ ...VEHICLE, answers: { plateNumber: '12-34567' }, draft: true });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', version: 1, prefill: {} });
    const { applicationId } = draft.body;
    const token = await tokenFor('citizen');
    const early = await api(`/v1/applications/${applicationId}/submit`, { method: 'POST', token, body: { expectedVersion: 1, channel: 'mobile' } });
    expect(early.status).toBe(400);
    const updated = await api(`/v1/applications/${applicationId}`, {
      method: 'PUT',
      token,
      body: { expectedVersion: 1, channel: 'mobile', answers: { chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-1' } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, channel: 'mobile', answers: { plateNumber: '12-34567', chassisNumber: 'JTDBR32E540012345' } });
    const stale = await api(`/v1/applications/${applicationId}`, { method: 'PUT', token, body: { expectedVersion: 1, answers: {} } });
    expect(stale.status).toBe(409);
    const submitted = await api(`/v1/applications/${applicationId}/submit`, { method: 'POST', token, body: { expectedVersion: 2, channel: 'mobile' } });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', channel: 'mobile' });
    expect((await api(`/v1/applications/${applicationId}`, { method: 'PUT', token, body: { expectedVersion: 3, answers: {} } })).body.error.code).toBe('not_a_draft');
  });

  it('cancels until decided, and ends the workflow', async () => {
    const { body } = await submit(VEHICLE);
    const task = await openTask('dvld', body.applicationId, 'insurance-check');
    const token = await tokenFor('citizen');
    const other = await api(`/v1/applications/${body.applicationId}/cancel`, { method: 'POST', token: await tokenFor('citizen2'), body: {} });
    expect(other.status).toBe(404);
    const cancelled = await api(`/v1/applications/${body.applicationId}/cancel`, { method: 'POST', token, body: { reason: 'Sold the car' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', outcome: { decision: 'cancelled', reason: 'Sold the car' } });
    expect((await decide('dvld', task.taskId, 'approve')).body.error.code).toBe('application_closed');
    const again = await api(`/v1/applications/${body.applicationId}/cancel`, { method: 'POST', token, body: {} });
    expect(again.status).toBe(409);
  });

  it('lists my applications newest first with a cursor', async () => {
    const token = await tokenFor('citizen');
    const first = await api('/v1/me/applications?limit=2', { token });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const second = await api(`/v1/me/applications?limit=2&cursor=${first.body.nextCursor}`, { token });
    const all = [...first.body.items, ...second.body.items];
    expect(new Set(all.map((item: { applicationId: string }) => item.applicationId)).size).toBe(all.length);
    const created = all.map((item: { createdAt: string }) => item.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect((await api('/v1/me/applications?cursor=garbage!', { token })).status).toBe(400);
  });
});

describe('assisted applications', () => {
  it('lets frontline staff apply for a citizen who consented to their service centre, recorded as assisted', async () => {
    const frontline = await tokenFor('frontline');
    const body = { ...VEHICLE, channel: 'service-centre', onBehalfOf: { nationalNumber: '2000456789' } };
    const refused = await submit(body, 'frontline');
    expect(refused.body.error.code).toBe('consent_required');
    const consent = await api('/v1/consents', {
      method: 'POST',
      token: await tokenFor('citizen2'),
      body: { serviceCentreId: 'amman-central', fields: ['fullName', 'phone'], purpose: 'assisted Vehicle registration renewal', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) },
    });
    expect(consent.status).toBe(201);
    const assisted = await submit(body, 'frontline');
    expect(assisted.status).toBe(201);
    expect(assisted.body).toMatchObject({ applicant: { recordId: '2000456789' }, assistedBy: { role: 'frontline', serviceCentreId: 'amman-central' }, channel: 'service-centre' });
    expect((await api(`/v1/applications/${assisted.body.applicationId}`, { token: await tokenFor('citizen2') })).status).toBe(200);
    expect((await api(`/v1/applications/${assisted.body.applicationId}`, { token: frontline })).status).toBe(200);
  });
});
