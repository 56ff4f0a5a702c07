// Agency tasks: the workflow puts a step on the agency's queue; the consumer opens a task in the agency's
// inbox; an officer decides it; the decision goes back to the workflow. Every step is idempotent: a task is
// keyed by application and step, so a redelivered message or a restarted execution finds the same task.
import { actsAsApplicant } from './applicant';
import { ulid } from 'ulid';
import type { DomainEvent } from '../../../schemas/applications';
import { terminalStatuses } from '../../../schemas/applications';
import { BadRequest, Conflict, Forbidden, NotFound } from '../../shared/errors';
import { addWorkingTime, type CalendarRules } from '../../shared/working-calendar';
import type { Principal } from '../../shared/identity';
import type { AgencyTaskMessage, WorkflowEngine } from '../../workflow/ports';
import { type ApplicationStore, type StoredApplication } from './applications';
import { VersionConflict } from '../../shared/errors';

export type TaskStatus = 'open' | 'info-requested' | 'decided' | 'closed' | 'awaiting-payment';
export type Decision = 'approve' | 'reject';
export interface InformationExchange {
  readonly question: string;
  readonly askedAt: string;
  readonly answer?: string;
  readonly answeredAt?: string;
}

export interface Task {
  readonly taskId: string;
  readonly applicationId: string;
  readonly stepId: string;
  readonly agencyId: string;
  readonly serviceId: string;
  readonly serviceName: StoredApplication['serviceName'];
  readonly status: TaskStatus;
  readonly dueAt: string;
  readonly createdAt: string;
  readonly taskToken: string;
  readonly decision?: Decision;
  readonly note?: string;
  readonly decidedAt?: string;
  readonly decidedBy?: string;
  /** The workflow has been told the decision (false between the decision and the engine's acknowledgement). */
  readonly delivered?: boolean;
  /** When the SLA sweep escalated the task (once). */
  readonly escalatedAt?: string;
  /** Requests for more information and the applicant's answers, oldest first. */
  readonly information?: InformationExchange[];
  readonly version: number;
}

export class TaskConflict extends Error {}

export interface TaskStore {
  get(taskId: string): Promise<Task | undefined>;
  /** Creates the task unless it exists; returns the stored task either way. */
  putIfAbsent(task: Task): Promise<{ task: Task; created: boolean }>;
  /** Replaces the task if still at `expectedVersion`; TaskConflict otherwise. */
  save(task: Task, expectedVersion: number): Promise<void>;
  /** The task and its application, in one read. */
  getWithApplication(taskId: string): Promise<{ task?: Task; application?: StoredApplication }>;
  /**
   * Replaces the task (at `expectedVersion`) and the application (at `change.expectedVersion`, appending its
   * events) in one write: TaskConflict when the task moved, VersionConflict when the application did.
   */
  saveWithApplication(task: Task, expectedVersion: number, change: { next: StoredApplication; expectedVersion: number; events: readonly DomainEvent[] }): Promise<void>;
  /** Marks a decided task as told to the workflow, if it is still at its version; false if it moved. */
  markDelivered(task: Task): Promise<boolean>;
  /** The agency's tasks with that status, oldest due first. */
  inbox(agencyId: string, status: TaskStatus, limit: number, after?: string): Promise<{ items: Task[]; last?: string }>;
  /** The agency's decided tasks whose decision the workflow was not told, decided before `decidedBefore`. */
  undelivered(agencyId: string, decidedBefore: string, limit: number): Promise<Task[]>;
  /** The agency's open tasks due before `dueBefore`, oldest due first. */
  overdue(agencyId: string, dueBefore: string, limit: number): Promise<Task[]>;
}

export interface TaskDeps {
  readonly tasks: TaskStore;
  readonly applications: ApplicationStore;
  readonly workflow: WorkflowEngine;
  /** The government working calendar: SLAs count working time. */
  readonly calendar: () => Promise<CalendarRules>;
  readonly now: () => Date;
}

export const taskIdOf = (applicationId: string, stepId: string) => `${applicationId}.${stepId}`;

const system = { role: 'system' };

/** Queue consumer: open (or re-open after a restart) the task of one agency step. */
export async function openTask(deps: TaskDeps, message: AgencyTaskMessage): Promise<void> {
  const application = await deps.applications.get(message.applicationId);
  if (!application) {
    throw new Error(`task for unknown application ${message.applicationId}`);
  }
  const taskId = taskIdOf(message.applicationId, message.stepId);
  const now = deps.now();
  if (terminalStatuses.includes(application.status)) {
    // Cancelled or decided meanwhile: end this branch of the workflow instead of opening work for nobody.
    await ignoreFinished(() => deps.workflow.sendTaskFailure(message.taskToken, 'Cancelled', `application is ${application.status}`));
    return;
  }
  const fresh: Task = {
    taskId,
    applicationId: message.applicationId,
    stepId: message.stepId,
    agencyId: message.agencyId,
    serviceId: application.serviceId,
    serviceName: application.serviceName,
    status: 'open',
    dueAt: addWorkingTime(await deps.calendar(), now, message.slaHours, message.agencyId).toISOString(),
    createdAt: now.toISOString(),
    taskToken: message.taskToken,
    version: 1,
  };
  // The stage the fee falls due before (the first, or the issuing last one) waits for the payment, token kept.
  if (application.payment?.status === 'due' && paymentStage(application).steps.some((step) => step.stepId === message.stepId)) {
    const { task: held, created: heldNow } = await deps.tasks.putIfAbsent({ ...fresh, status: 'awaiting-payment' });
    if (held.status === 'awaiting-payment') {
      if (!heldNow && held.taskToken !== message.taskToken) {
        // A restarted execution: its token replaces the dead one, or the decision after the payment would tell nobody.
        // (A release that opened the task meanwhile: TaskConflict, and the message's retry takes the path below.)
        await deps.tasks.save({ ...held, taskToken: message.taskToken, version: held.version + 1 }, held.version);
      }
      await updateApplication(deps, message.applicationId, (current) =>
        current.status === 'submitted' || current.status === 'in-progress' ? { next: { ...current, status: 'awaiting-payment' }, events: [] } : undefined,
      );
      // Paid meanwhile: the payment's run may have looked before this task existed.
      await releaseAwaitingPayment(deps, message.applicationId);
      return;
    }
  }
  const { task, created } = await deps.tasks.putIfAbsent(fresh);
  let current = task;
  if (!created && task.taskToken !== message.taskToken) {
    // A restarted execution: its token replaces the dead one.
    current = { ...task, taskToken: message.taskToken, version: task.version + 1 };
    await deps.tasks.save(current, task.version);
  }
  if (current.status === 'decided') {
    // Decided before this message (a redelivery, or a restarted execution): finish what the decision's run
    // may not have (recording it on the application, telling the workflow), once.
    await recordDecision(deps, current);
    if (current !== task || !current.delivered) {
      await deliver(deps, current);
    }
    return;
  }
  // Created now, or by a run that stopped before recording it on the application: record it once.
  await updateApplication(deps, message.applicationId, (current) => {
    const step = current.stages.flatMap((stage) => stage.steps).find((entry) => entry.stepId === message.stepId);
    if (!step || step.status !== 'pending' || task.status !== 'open') {
      return undefined;
    }
    return {
      next: {
        ...current,
        status: current.status === 'submitted' ? 'in-progress' : current.status,
        stages: withStep(current, message.stepId, (entry) => ({ ...entry, status: 'open', dueAt: task.dueAt })),
      },
      events: [{ ...assignedEvent(task), at: now.toISOString() }],
    };
  });
}

/** A step of the officer's agency that exists but has not reached its inbox yet: 409 saying so, not "no such task". */
function refuseUnopenedStep(officer: Principal, taskId: string, application: StoredApplication | undefined): void {
  const split = taskId.lastIndexOf('.');
  const stepId = taskId.slice(split + 1);
  const stageIndex = application?.stages.findIndex((stage) => stage.steps.some((step) => step.stepId === stepId && step.agencyId === officer.agencyId)) ?? -1;
  const step = application?.stages[stageIndex]?.steps.find((candidate) => candidate.stepId === stepId);
  if (application && step?.status === 'pending' && application.status !== 'draft') {
    const waitingFor = application.stages
      .slice(0, stageIndex)
      .flatMap((stage) => stage.steps)
      .filter((earlier) => earlier.status !== 'approved')
      .map((earlier) => earlier.stepId);
    throw new Conflict('step_not_open', `Step ${stepId} opens in your inbox once the steps before it are approved`, {
      stage: stageIndex + 1,
      waitingFor,
    });
  }
}

/**
 * POST /v1/tasks/{taskId}/decision. Of two officers deciding one task, one wins; the other gets 409.
 * `request-info` puts the question to the applicant and holds the step (and its SLA) until they answer.
 */
export async function decideTask(deps: TaskDeps, officer: Principal, taskId: string, decision: Decision | 'request-info', note: string | undefined) {
  const { task, application } = await deps.tasks.getWithApplication(taskId);
  if (!task && officer.role === 'officer') {
    refuseUnopenedStep(officer, taskId, application);
  }
  if (!task || officer.role !== 'officer' || officer.agencyId !== task.agencyId) {
    throw new NotFound('task_not_found', `No task ${taskId} in your agency's inbox`);
  }
  if (task.status === 'closed') {
    throw new Conflict('application_closed', task.note ?? 'The application was closed; there is nothing to decide');
  }
  if (task.status === 'awaiting-payment') {
    throw new Conflict('awaiting_payment', 'The fee is due before this step; it opens once the applicant pays', { billNumber: task.applicationId });
  }
  if (task.status === 'info-requested') {
    throw new Conflict('awaiting_applicant', 'The applicant has not answered the request for information yet', { question: task.information?.at(-1)?.question });
  }
  if (task.status === 'decided' && decision === task.decision && officer.sub === task.decidedBy && (note ?? task.note) === task.note) {
    // The same officer's retry (say, after a timeout): finish the decision's effects and answer as the first time.
    await recordDecision(deps, task);
    if (!task.delivered) {
      await deliver(deps, task);
    }
    return task;
  }
  if (task.status !== 'open') {
    throw new Conflict('task_already_decided', `The task was already decided (${task.decision ?? task.status})`, { decision: task.decision, decidedAt: task.decidedAt });
  }
  if (decision !== 'approve' && !note) {
    throw new BadRequest(
      decision === 'reject' ? 'reason_required' : 'question_required',
      decision === 'reject' ? 'A rejection needs a note the citizen can read' : 'A request for information needs the question, in the note',
    );
  }
  if (!application || terminalStatuses.includes(application.status)) {
    throw new Conflict('application_closed', `The application is ${application?.status ?? 'gone'}; there is nothing to decide`, { status: application?.status });
  }
  const now = deps.now().toISOString();
  const decided: Task =
    decision === 'request-info'
      ? { ...task, status: 'info-requested', information: [...(task.information ?? []), { question: note!, askedAt: now }], version: task.version + 1 }
      : { ...task, status: 'decided', decision, ...(note ? { note } : {}), decidedAt: now, decidedBy: officer.sub, delivered: false, version: task.version + 1 };
  const change =
    decided.status === 'decided'
      ? decisionChange(decided)
      : (current: StoredApplication) => ({
          next: { ...current, status: 'info-requested' as const, stages: withStep(current, task.stepId, (entry) => ({ ...entry, status: 'info-requested', question: note! })) },
          events: [
            { type: 'InformationRequested', eventId: ulid(), applicationId: task.applicationId, at: now, by: { role: 'officer', agencyId: task.agencyId }, stepId: task.stepId, agencyId: task.agencyId, taskId, question: note! } as DomainEvent,
          ],
        });
  try {
    await saveTaskWithApplication(deps, decided, task.version, application, change);
  } catch (error) {
    if (error instanceof TaskConflict) {
      const winner = await deps.tasks.get(taskId);
      throw new Conflict('task_already_decided', 'Another officer decided this task first', { decision: winner?.decision ?? winner?.status, decidedAt: winner?.decidedAt });
    }
    throw error;
  }
  if (decided.status === 'decided') {
    await deliver(deps, decided);
  }
  return decided;
}

/**
 * The task's change and the application's change it causes, in one write; the application re-read and the
 * change applied again when another change of it got there first.
 */
async function saveTaskWithApplication(
  deps: TaskDeps,
  task: Task,
  expectedVersion: number,
  read: StoredApplication,
  change: (current: StoredApplication) => { next: StoredApplication; events: DomainEvent[] } | undefined,
): Promise<void> {
  let current: StoredApplication | undefined = read;
  for (let attempt = 0; attempt < 10; attempt++) {
    if (!current) {
      throw new Error(`application ${task.applicationId} disappeared`);
    }
    const result = change(current);
    if (!result) {
      await deps.tasks.save(task, expectedVersion);
      return;
    }
    const next = { ...result.next, updatedAt: deps.now().toISOString(), version: current.version + 1 };
    try {
      await deps.tasks.saveWithApplication(task, expectedVersion, { next, expectedVersion: current.version, events: result.events });
      return;
    } catch (error) {
      if (!(error instanceof VersionConflict)) {
        throw error;
      }
    }
    current = await deps.applications.get(task.applicationId);
  }
  throw new Error(`application ${task.applicationId} kept changing; giving up after 10 attempts`);
}

/**
 * POST /v1/applications/{applicationId}/information: the applicant answers; every step waiting on them
 * reopens in its agency's inbox with the answer attached.
 */
export async function provideInformation(deps: TaskDeps, principal: Principal, applicationId: string, answer: string) {
  const application = await deps.applications.get(applicationId);
  const isApplicant = application && actsAsApplicant(principal.subject, application);
  if (!application || !isApplicant) {
    throw new NotFound('application_not_found', `No application ${applicationId} that you may answer for`);
  }
  const waiting = application.stages.flatMap((stage) => stage.steps).filter((step) => step.status === 'info-requested');
  if (application.status !== 'info-requested' || waiting.length === 0) {
    throw new Conflict('no_information_requested', 'Nobody is waiting for information on this application', { status: application.status });
  }
  const now = deps.now().toISOString();
  for (const step of waiting) {
    const task = await deps.tasks.get(taskIdOf(applicationId, step.stepId));
    if (task?.status === 'info-requested') {
      const information = (task.information ?? []).map((entry, index, all) => (index === all.length - 1 ? { ...entry, answer, answeredAt: now } : entry));
      await deps.tasks.save({ ...task, status: 'open', information, version: task.version + 1 }, task.version);
    }
  }
  const stepIds = waiting.map((step) => step.stepId);
  await updateApplication(deps, applicationId, (current) => ({
    next: {
      ...current,
      status: 'in-progress',
      stages: current.stages.map((stage) => ({
        steps: stage.steps.map(({ question: _question, ...entry }) => (stepIds.includes(entry.stepId) ? { ...entry, status: 'open' as const } : { ...entry, ...(_question ? { question: _question } : {}) })),
      })),
    },
    events: [{ type: 'InformationProvided', eventId: ulid(), applicationId, at: now, by: { role: principal.role }, stepIds }],
  }));
}

/** The stage that waits for the fee: the first when it is due at submission, else the issuing (last) one. */
const paymentStage = (application: StoredApplication) => (application.payment?.due === 'at-submission' ? application.stages[0]! : application.stages.at(-1)!);

/**
 * Once the fee is paid: the steps held for it open in their agencies' inboxes, their SLA counted from now.
 * Idempotent: a task already opened (or a concurrent run that won) is left alone.
 */
export async function releaseAwaitingPayment(deps: TaskDeps, applicationId: string): Promise<{ opened: string[] }> {
  const application = await deps.applications.get(applicationId);
  if (application?.payment?.status !== 'paid' || terminalStatuses.includes(application.status)) {
    return { opened: [] };
  }
  const now = deps.now();
  const opened: Task[] = [];
  for (const step of paymentStage(application).steps) {
    const task = await deps.tasks.get(taskIdOf(applicationId, step.stepId));
    if (task?.status !== 'awaiting-payment') {
      continue;
    }
    const open: Task = { ...task, status: 'open', createdAt: now.toISOString(), dueAt: addWorkingTime(await deps.calendar(), now, step.slaHours, step.agencyId).toISOString(), version: task.version + 1 };
    try {
      await deps.tasks.save(open, task.version);
      opened.push(open);
    } catch (error) {
      if (!(error instanceof TaskConflict)) {
        throw error;
      }
    }
  }
  if (opened.length > 0) {
    await updateApplication(deps, applicationId, (current) => ({
      next: {
        ...current,
        status: current.status === 'awaiting-payment' ? 'in-progress' : current.status,
        stages: opened.reduce((stages, task) => withStep({ ...current, stages }, task.stepId, (entry) => ({ ...entry, status: 'open', dueAt: task.dueAt })), current.stages),
      },
      events: opened.map((task) => ({ ...assignedEvent(task), at: now.toISOString() })),
    }));
  }
  return { opened: opened.map((task) => task.taskId) };
}

/**
 * The SLA sweep: every open task past its due time is flagged and escalated once (SlaBreached). The
 * conditional save on the task's version makes a concurrent or repeated sweep escalate it only once.
 */
export async function escalateOverdue(deps: TaskDeps, agencyIds: readonly string[]): Promise<{ escalated: string[] }> {
  const now = deps.now().toISOString();
  const escalated: string[] = [];
  for (const agencyId of agencyIds) {
    for (const task of await deps.tasks.overdue(agencyId, now, 100)) {
      if (task.escalatedAt) {
        continue;
      }
      try {
        await deps.tasks.save({ ...task, escalatedAt: now, version: task.version + 1 }, task.version);
      } catch (error) {
        if (error instanceof TaskConflict) {
          continue;
        }
        throw error;
      }
      await updateApplication(deps, task.applicationId, (current) => ({
        next: current,
        events: [{ type: 'SlaBreached', eventId: ulid(), applicationId: task.applicationId, at: now, by: system, stepId: task.stepId, agencyId, taskId: task.taskId, dueAt: task.dueAt }],
      }));
      escalated.push(task.taskId);
    }
  }
  return { escalated };
}

/**
 * A decision whose run died before it reached the application or the workflow (and whose officer did not retry)
 * is finished by the sweep: recorded once, then told. `graceSeconds` leaves decisions still being delivered alone.
 */
export async function redeliverDecisions(deps: TaskDeps, agencyIds: readonly string[], graceSeconds = 60): Promise<{ redelivered: string[] }> {
  const before = new Date(deps.now().getTime() - graceSeconds * 1000).toISOString();
  const redelivered: string[] = [];
  for (const agencyId of agencyIds) {
    for (const task of await deps.tasks.undelivered(agencyId, before, 100)) {
      await recordDecision(deps, task);
      await deliver(deps, task);
      redelivered.push(task.taskId);
    }
  }
  return { redelivered };
}

/**
 * On a rejection or cancellation: the application's tasks still waiting for an officer leave the inboxes
 * (status closed). Idempotent: a redelivered event finds nothing left to close.
 */
export async function closeOpenTasks(deps: TaskDeps, applicationId: string): Promise<{ closed: string[] }> {
  const application = await deps.applications.get(applicationId);
  if (!application || !terminalStatuses.includes(application.status)) {
    return { closed: [] };
  }
  const closed: string[] = [];
  for (const step of application.stages.flatMap((stage) => stage.steps)) {
    const task = await deps.tasks.get(taskIdOf(applicationId, step.stepId));
    if (task && (task.status === 'open' || task.status === 'info-requested')) {
      try {
        await deps.tasks.save({ ...task, status: 'closed', note: `The application was ${application.status}`, version: task.version + 1 }, task.version);
        closed.push(task.taskId);
      } catch (error) {
        if (!(error instanceof TaskConflict)) {
          throw error;
        }
      }
    }
  }
  return { closed };
}

/**
 * Puts a decided task on its application: the step's status, TaskDecided, and for a rejection the application's
 * outcome. Once: a step already decided (or cancelled) is left as it is, so a re-run records nothing twice.
 */
async function recordDecision(deps: TaskDeps, task: Task): Promise<void> {
  await updateApplication(deps, task.applicationId, decisionChange(task));
}

/** What recording a decided task changes on its application (nothing when the step is already decided). */
function decisionChange(task: Task) {
  const decision = task.decision!;
  const at = task.decidedAt!;
  const by = { role: 'officer', agencyId: task.agencyId };
  return (current: StoredApplication): { next: StoredApplication; events: DomainEvent[] } | undefined => {
    const step = current.stages.flatMap((stage) => stage.steps).find((entry) => entry.stepId === task.stepId);
    if (!step || ['approved', 'rejected', 'cancelled'].includes(step.status)) {
      return undefined;
    }
    const stages = withStep(current, task.stepId, (entry) => ({ ...entry, status: decision === 'approve' ? 'approved' : 'rejected', dueAt: task.dueAt, decidedAt: at, ...(task.note ? { note: task.note } : {}) }));
    // A consumer that died between opening the task and recording it left the step pending: record both now.
    const assigned: DomainEvent[] = step.status === 'pending' ? [assignedEvent(task)] : [];
    const taskDecided: DomainEvent = { type: 'TaskDecided', eventId: ulid(), applicationId: task.applicationId, at, by, stepId: task.stepId, agencyId: task.agencyId, taskId: task.taskId, decision };
    if (decision === 'approve' && !terminalStatuses.includes(current.status) && stages.every((stage) => stage.steps.every((entry) => entry.status === 'approved'))) {
      // The last step of the last stage: the application is approved and its document issued, in the same write
      // (the workflow ends when it is told; no state of its own, no transition, no invocation for this).
      const documentId = `DOC-${current.applicationId}`;
      return {
        next: { ...current, stages, status: 'approved', outcome: { decision: 'approved', documentId } },
        events: [...assigned, taskDecided, { type: 'ApplicationApproved', eventId: ulid(), applicationId: current.applicationId, at, by: system, documentId }],
      };
    }
    if (decision === 'approve' || terminalStatuses.includes(current.status)) {
      return { next: { ...current, status: current.status === 'submitted' ? 'in-progress' : current.status, stages }, events: [...assigned, taskDecided] };
    }
    return {
      next: { ...current, stages, status: 'rejected', outcome: { decision: 'rejected', reason: task.note! } },
      events: [...assigned, taskDecided, { type: 'ApplicationRejected', eventId: ulid(), applicationId: current.applicationId, at, by, stepId: task.stepId, reason: task.note! }],
    };
  };
}

/** The step's TaskAssigned, as the consumer records it when it opens the task. */
function assignedEvent(task: Task): DomainEvent {
  return { type: 'TaskAssigned', eventId: ulid(), applicationId: task.applicationId, at: task.createdAt, by: system, stepId: task.stepId, agencyId: task.agencyId, taskId: task.taskId, dueAt: task.dueAt };
}

/** Tells the workflow a decision, once; a finished execution means it was already told. */
export async function deliver(deps: TaskDeps, task: Task): Promise<void> {
  await ignoreFinished(() =>
    task.decision === 'approve'
      ? deps.workflow.sendTaskSuccess(task.taskToken, { stepId: task.stepId, decision: 'approve' })
      : deps.workflow.sendTaskFailure(task.taskToken, 'Rejected', task.note ?? 'rejected'),
  );
  if (task.status === 'decided' && !task.delivered && (await deps.tasks.markDelivered(task))) {
    return;
  }
  // The task moved since it was read (a restarted execution's token, an escalation): mark what is there now.
  const current = await deps.tasks.get(task.taskId);
  if (current && current.status === 'decided' && !current.delivered) {
    await deps.tasks.save({ ...current, delivered: true, version: current.version + 1 }, current.version).catch((error) => {
      if (!(error instanceof TaskConflict)) {
        throw error;
      }
    });
  }
}

export async function agencyInbox(deps: TaskDeps, officer: Principal, agencyId: string, status: TaskStatus, limit = 20, after?: string) {
  if (officer.role !== 'officer' || officer.agencyId !== agencyId) {
    throw new Forbidden(`Only officers of ${agencyId} see its inbox`, { reason: 'not_your_agency' });
  }
  const page = await deps.tasks.inbox(agencyId, status, limit, after);
  const now = deps.now().toISOString();
  return {
    items: page.items.map(({ taskToken: _token, delivered: _delivered, version: _version, decidedBy: _by, ...task }) => ({
      ...task,
      overdue: (task.status === 'open' && task.dueAt < now) || task.escalatedAt !== undefined,
    })),
    ...(page.last ? { last: page.last } : {}),
  };
}

type Step = StoredApplication['stages'][number]['steps'][number];

function withStep(application: StoredApplication, stepId: string, change: (step: Step) => Step): StoredApplication['stages'] {
  return application.stages.map((stage) => ({ steps: stage.steps.map((step) => (step.stepId === stepId ? change(step) : step)) }));
}

/** Read-modify-write of the application with its events, retried when another change got there first. */
async function updateApplication(
  deps: TaskDeps,
  applicationId: string,
  change: (current: StoredApplication) => { next: StoredApplication; events: DomainEvent[] } | undefined,
): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const current = await deps.applications.get(applicationId);
    if (!current) {
      throw new Error(`application ${applicationId} disappeared`);
    }
    const result = change(current);
    if (!result) {
      return;
    }
    const next = { ...result.next, updatedAt: deps.now().toISOString(), version: current.version + 1 };
    try {
      await deps.applications.save(next, current.version, result.events);
      return;
    } catch (error) {
      if (!(error instanceof VersionConflict)) {
        throw error;
      }
    }
  }
  throw new Error(`application ${applicationId} kept changing; giving up after 10 attempts`);
}

async function ignoreFinished(call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof Error && error.name === 'TaskDoesNotExist')) {
      throw error;
    }
  }
}
