// Notifications, ratings and complaints on a real DynamoDB Local with injected time: deduplication by event id,
// preferences and quiet hours, the delivery log with backoff and dead-lettering, quarters, SLA escalation.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredApplication } from '../../functions/applications/domain/applications';
import { complaintSlaHours, fileComplaint, getComplaint, type ComplaintDeps } from '../../functions/complaints/domain/complaints';
import { escalateOverdueComplaints, rateResolution, respondToComplaint } from '../../functions/complaints/domain/handling';
import { dynamoComplaints } from '../../functions/complaints/dynamo-complaints';
import { feedbackSummary, rateApplication, type FeedbackDeps } from '../../functions/feedback/domain/feedback';
import { dynamoFeedback } from '../../functions/feedback/dynamo-feedback';
import { deliver, releaseDeferred } from '../../functions/notifications/domain/deliver';
import { listDeliveries, listNotifications, markRead, putPreferences } from '../../functions/notifications/domain/inbox';
import { type Message, notify, type NotifyDeps } from '../../functions/notifications/domain/notify';
import { smsParts } from '../../functions/shared/message-format';
import type { DeliveryRef, NotificationStore } from '../../functions/notifications/domain/ports';
import { dynamoNotifications } from '../../functions/notifications/dynamo-notifications';
import type { Principal } from '../../functions/shared/identity';
import type { AuditEntry } from '../../functions/registry/domain/audit-chain';
import { submittedVariables } from '../support/notification-variables';
import { referenceCalendar } from '../../reference/calendar';
import { unitTables } from '../support/unit-tables';

const local = unitTables('khidma-engagement-');
const table = local.table('engagement');

let counter = 0;
/** A fresh ULID-shaped id per call, so tests never share records. */
const freshId = (prefix: string) => `${prefix}${String(++counter).padStart(26 - prefix.length, '0')}`;
const at = (iso: string) => () => new Date(iso);
const omar = (recordId: string): Principal => ({ sub: `sub-${recordId}`, role: 'citizen', subject: { kind: 'persons', recordId } });
const officer = (agencyId: string, sub = `officer-${agencyId}`): Principal => ({ sub, role: 'officer', agencyId, mfaEnrolled: true });
const operator: Principal = { sub: 'operator-1', role: 'operator', mfaEnrolled: true };

// --- Notifications ---

function notifications(now: () => Date) {
  const store: NotificationStore = dynamoNotifications(local.documents, table);
  const queued: DeliveryRef[] = [];
  const deps: NotifyDeps = {
    store,
    queue: { enqueue: async (ref) => void queued.push(ref) },
    contacts: { of: async () => ({ email: 'omar@khidma.example', phone: '+962791234567' }) },
    now,
  };
  return { store, queued, deps };
}

const submitted = (recordId: string, applicationId = freshId('01APP')): Message => ({
  template: 'ApplicationSubmitted',
  recipient: { audience: 'citizen', subject: { kind: 'persons', recordId } },
  applicationId,
  variables: submittedVariables(applicationId),
});
const askedFor = (recordId: string, question: string): Message => ({
  template: 'InformationRequested',
  recipient: { audience: 'citizen', subject: { kind: 'persons', recordId } },
  variables: { applicationNumber: 'A1', serviceName: 'Renewal', stepName: 'Fines', agencyName: 'GAM', question, nextStep: 'Answer' },
});
const taskFor = (agencyId: string): Message => ({
  template: 'TaskAssigned.agency',
  recipient: { audience: 'agency', agencyId },
  variables: { applicationNumber: 'A1', serviceName: 'Renewal', stepName: 'Fines', deadline: '2026-05-01 13:00' },
});

/** Noon in Amman (09:00 UTC): outside the default quiet hours. */
const NOON = '2026-05-01T09:00:00.000Z';

describe('notifications', () => {
  it('records an event once: a redelivery writes nothing and queues again only what was never sent', async () => {
    const person = '9000000001';
    const { store, queued, deps } = notifications(at(NOON));
    const eventId = freshId('01EVT');
    const first = await notify(deps, eventId, [submitted(person), taskFor('gam-unit-1')]);
    expect(first).toMatchObject({ duplicate: false, notifications: 2, queued: 2, missingVariables: [] });
    expect(queued.map((ref) => ref.channel).sort()).toEqual(['email', 'sms']);

    const again = await notify(deps, eventId, [submitted(person), taskFor('gam-unit-1')]);
    expect(again).toMatchObject({ duplicate: true, notifications: 0, queued: 2 });
    expect((await store.feed(`persons:${person}`, 10)).items).toHaveLength(1);
    expect((await store.feed('agency:gam-unit-1', 10)).items).toHaveLength(1);

    // Once sent, a delivery is not queued again by a later redelivery.
    const sender = { send: jest.fn(async () => ({ messageId: 'm-1' })) };
    // A worker without the channel's sender (each delivery worker has its own channel's only) claims nothing.
    const otherChannel = queued[0]!.channel === 'email' ? { sms: sender } : { email: sender };
    await expect(deliver({ store, ...otherChannel, now: at(NOON), retryBaseMs: 200 }, queued[0]!, 1, 5)).rejects.toThrow(`no ${queued[0]!.channel} sender`);
    expect((await store.getDelivery(queued[0]!))?.status).toBe('queued');
    await deliver({ store, email: sender, sms: sender, now: at(NOON), retryBaseMs: 200 }, queued[0]!, 1, 5);
    const third = await notify(deps, eventId, [submitted(person)]);
    expect(third).toMatchObject({ duplicate: true, queued: 1 });
    expect(await deliver({ store, email: sender, sms: sender, now: at(NOON), retryBaseMs: 200 }, queued[0]!, 2, 5)).toEqual({ kind: 'skipped' });
    expect(sender.send).toHaveBeenCalledTimes(1);
  });

  it('honours preferences: language, channels per category, SMS quiet hours except urgent messages', async () => {
    const person = '9000000002';
    const principal = omar(person);
    const night = '2026-05-01T20:30:00.000Z'; // 23:30 in Amman
    const { store, queued, deps } = notifications(at(night));
    await putPreferences({ store, now: at(night) }, principal, { language: 'en', channels: { 'application-status': { email: true, sms: false } } });
    await notify(deps, freshId('01EVT'), [submitted(person)]);
    expect(queued.map((ref) => ref.channel)).toEqual(['email']);
    const [email] = (await store.feed(`persons:${person}`, 1)).items;
    expect((await store.getDelivery({ notificationId: email!.notificationId, channel: 'email' }))?.subject).toBe('Application received: Vehicle registration renewal');

    await putPreferences({ store, now: at(night) }, principal, { language: 'ar' }); // defaults: SMS on, quiet 22:00–07:00
    queued.length = 0;
    await notify(deps, freshId('01EVT'), [submitted(person)]);
    const [held] = (await store.feed(`persons:${person}`, 1)).items;
    const sms = await store.getDelivery({ notificationId: held!.notificationId, channel: 'sms' });
    expect(sms).toMatchObject({ status: 'deferred', sendAfter: '2026-05-02T04:00:00.000Z', language: 'ar' });
    expect(sms?.body).toMatch(/^خدمة: استلمنا طلبك/);
    expect(queued.map((ref) => ref.channel)).toEqual(['email']);

    // Urgent: sent at once, however late; and kept short.
    queued.length = 0;
    await notify(deps, freshId('01EVT'), [askedFor(person, 'Please send the receipt of the 2025 parking fine. '.repeat(20))]);
    expect(queued.map((ref) => ref.channel).sort()).toEqual(['email', 'sms']);
    const urgent = await store.getDelivery(queued.find((ref) => ref.channel === 'sms')!);
    expect(urgent?.status).toBe('queued');
    expect(smsParts(urgent!.body)).toBeLessThanOrEqual(2);
    expect(urgent!.body.length).toBeLessThanOrEqual(306);

    // The held SMS goes when quiet hours end, not before.
    const release = (now: string) => releaseDeferred({ store, queue: deps.queue, now: at(now) });
    queued.length = 0;
    expect((await release('2026-05-02T03:59:00.000Z')).released).toBe(0);
    expect((await release('2026-05-02T04:00:00.000Z')).released).toBeGreaterThanOrEqual(1);
    expect(queued).toContainEqual({ notificationId: held!.notificationId, channel: 'sms' });
    expect((await store.getDelivery({ notificationId: held!.notificationId, channel: 'sms' }))?.status).toBe('queued');
  });

  it('retries a failing channel with doubling backoff, logs each failure, then dead-letters it for operators', async () => {
    const person = '9000000003';
    const { store, queued, deps } = notifications(at(NOON));
    await notify(deps, freshId('01EVT'), [submitted(person)]);
    const ref = queued.find((candidate) => candidate.channel === 'sms')!;
    const down = { send: jest.fn(async () => Promise.reject(Object.assign(new Error('carrier rejected +962791234567'), { name: 'ProviderError' }))) };
    const outcomes = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      outcomes.push(await deliver({ store, email: down, sms: down, now: at(NOON), retryBaseMs: 200 }, ref, attempt, 5));
    }
    expect(outcomes).toEqual([
      { kind: 'retry', delayMs: 200 },
      { kind: 'retry', delayMs: 400 },
      { kind: 'retry', delayMs: 800 },
      { kind: 'retry', delayMs: 1600 },
      { kind: 'dead-lettered' },
    ]);
    const logged = await store.getDelivery(ref);
    expect(logged?.history.map((step) => `${step.status}${step.attempt ? ` ${step.attempt}` : ''}`)).toEqual([
      'queued',
      'retrying 1',
      'retrying 2',
      'retrying 3',
      'retrying 4',
      'dead-lettered 5',
    ]);
    expect(logged?.reason).toBe('ProviderError: carrier rejected <number>');

    const listed = await listDeliveries({ store, now: at(NOON) }, operator, { status: 'dead-lettered', limit: 100 });
    expect(listed.items.find((item) => item.notificationId === ref.notificationId)).toMatchObject({ channel: 'sms', status: 'dead-lettered', attempts: 5, to: '+962******567' });
    await expect(listDeliveries({ store, now: at(NOON) }, omar(person), {})).rejects.toMatchObject({ status: 403 });
  });

  it('keeps each reader’s marks on a shared agency inbox, newest first with a cursor', async () => {
    const { store, deps } = notifications(at(NOON));
    await notify(deps, freshId('01EVT'), [taskFor('moh-unit-1')]);
    await notify({ ...deps, now: at('2026-05-01T09:01:00.000Z') }, freshId('01EVT'), [taskFor('moh-unit-1')]);
    const inbox = { store, now: at(NOON) };
    const first = await listNotifications(inbox, officer('moh-unit-1', 'a'), { limit: 1, lang: 'en' });
    expect(first.items[0]).toMatchObject({ type: 'TaskAssigned', language: 'en', title: 'New task: Fines', read: false });
    const second = await listNotifications(inbox, officer('moh-unit-1', 'a'), { limit: 1, cursor: first.nextCursor });
    expect(second.items[0]!.notificationId < first.items[0]!.notificationId).toBe(true);
    expect(second.items[0]?.language).toBe('ar');

    await markRead(inbox, officer('moh-unit-1', 'a'), first.items[0]!.notificationId);
    expect((await listNotifications(inbox, officer('moh-unit-1', 'a'), { limit: 1 })).items[0]?.read).toBe(true);
    expect((await listNotifications(inbox, officer('moh-unit-1', 'b'), { limit: 1 })).items[0]?.read).toBe(false);
    await expect(markRead(inbox, officer('other-unit'), first.items[0]!.notificationId)).rejects.toMatchObject({ status: 404, code: 'notification_not_found' });
  });
});

// --- Rate your experience ---

function application(recordId: string, status: StoredApplication['status'], submittedAt: string | undefined = NOON): StoredApplication {
  return {
    applicationId: freshId('01APP'),
    serviceId: 'vehicle-registration-renewal',
    serviceVersion: 1,
    serviceName: { en: 'Vehicle registration renewal', ar: 'تجديد ترخيص المركبة' },
    status,
    channel: 'portal',
    applicant: { kind: 'persons', recordId },
    answers: {},
    prefill: {},
    consentIds: [],
    fees: { amountJod: 45, ePaymentDiscountPercent: 5, payableJod: 42.75 },
    stages: [{ steps: [{ stepId: 'fines-check', agencyId: 'gam', name: { en: 'Fines', ar: 'المخالفات' }, slaHours: 1, status: 'approved' }] }],
    createdAt: NOON,
    ...(submittedAt ? { submittedAt } : {}),
    updatedAt: NOON,
    version: 4,
  };
}

describe('rate your experience', () => {
  it('counts each ended application once, in the quarter (Amman time) it is rated, per service and owning agency', async () => {
    const person = '9000000010';
    const apps = [application(person, 'approved'), application(person, 'rejected'), application(person, 'cancelled'), application(person, 'in-progress')];
    const agency = `agency-q-${counter}`;
    const deps = (now: string): FeedbackDeps => ({
      store: dynamoFeedback(local.documents, table),
      applications: { get: async (id) => apps.find((candidate) => candidate.applicationId === id) },
      owningAgency: async () => agency,
      now: at(now),
    });
    // 23:00 on 31 March in Amman is still the first quarter; 00:30 on 1 April is the second.
    await rateApplication(deps('2031-03-31T20:00:00.000Z'), omar(person), apps[0]!.applicationId, { rating: 5, comment: 'Fast' });
    expect(await rateApplication(deps('2031-03-31T21:30:00.000Z'), omar(person), apps[1]!.applicationId, { rating: 2 })).toMatchObject({ quarter: '2031-Q2', agencyId: agency });
    await rateApplication(deps('2031-05-10T10:00:00.000Z'), omar(person), apps[2]!.applicationId, { rating: 3 });

    await expect(rateApplication(deps(NOON), omar(person), apps[0]!.applicationId, { rating: 1 })).rejects.toMatchObject({ status: 409, code: 'already_rated' });
    await expect(rateApplication(deps(NOON), omar(person), apps[3]!.applicationId, { rating: 1 })).rejects.toMatchObject({ status: 409, code: 'application_not_ended' });
    await expect(rateApplication(deps(NOON), omar('9000000011'), apps[1]!.applicationId, { rating: 1 })).rejects.toMatchObject({ status: 404 });

    const summary = await feedbackSummary(deps('2031-06-01T00:00:00.000Z'), operator, { from: '2031-Q1', to: '2031-Q2' });
    const ofAgency = summary.quarters.map((quarter) => ({ quarter: quarter.quarter, agency: quarter.agencies.find((entry) => entry.agencyId === agency) }));
    expect(ofAgency).toEqual([
      { quarter: '2031-Q1', agency: { agencyId: agency, count: 1, average: 5, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } } },
      { quarter: '2031-Q2', agency: { agencyId: agency, count: 2, average: 2.5, distribution: { 1: 0, 2: 1, 3: 1, 4: 0, 5: 0 } } },
    ]);
    expect(summary.quarters[1]!.services).toContainEqual(expect.objectContaining({ serviceId: 'vehicle-registration-renewal', count: 2 }));
    await expect(feedbackSummary(deps(NOON), operator, { from: '2031-Q3', to: '2031-Q2' })).rejects.toMatchObject({ status: 400, code: 'quarter_range' });
    await expect(feedbackSummary(deps(NOON), operator, { from: '2029-Q1', to: '2031-Q2' })).rejects.toMatchObject({ status: 400, code: 'quarter_range' });
    await expect(feedbackSummary(deps(NOON), omar(person), {})).rejects.toMatchObject({ status: 403 });
  });
});

// --- Complaints ---

function complaints(now: () => Date, apps: StoredApplication[] = []) {
  const audited: AuditEntry[] = [];
  const deps: ComplaintDeps = {
    store: dynamoComplaints(local.documents, table),
    applications: { get: async (id) => apps.find((candidate) => candidate.applicationId === id) },
    agencies: { exists: async (agencyId) => ['dvld', 'gam', 'moh'].includes(agencyId), owning: async () => 'dvld' },
    audit: { append: async (entry) => void audited.push(entry) },
    calendar: async () => referenceCalendar(now().getUTCFullYear() - 1),
    now,
  };
  return { deps, audited };
}

async function eventsOf(complaintId: string): Promise<string[]> {
  const { Items = [] } = await local.documents.send(
    new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)', ExpressionAttributeValues: { ':pk': `COMPLAINT#${complaintId}`, ':evt': 'EVT#' } }),
  );
  return Items.map((item) => item.event.type as string);
}

describe('complaints', () => {
  it('routes to the agency named, else the one owning the application, else the e-Government Unit; refuses bad routes', async () => {
    const person = '9000000020';
    const app = application(person, 'in-progress');
    const { deps } = complaints(at(NOON), [app]);
    const text = 'Nobody has looked at my renewal for a week.';
    expect(await fileComplaint(deps, omar(person), { category: 'service-delay', agencyId: 'gam', text })).toMatchObject({ handler: 'gam', agencyId: 'gam', status: 'received' });
    expect(await fileComplaint(deps, omar(person), { category: 'service-delay', applicationId: app.applicationId, text })).toMatchObject({ handler: 'dvld' });
    expect(await fileComplaint(deps, omar(person), { category: 'digital-services', text })).toMatchObject({ handler: 'egov-unit' });
    await expect(fileComplaint(deps, omar(person), { category: 'other', agencyId: 'nope', text })).rejects.toMatchObject({ status: 422, code: 'unknown_agency' });
    await expect(fileComplaint(deps, omar(person), { category: 'other', agencyId: 'moh', applicationId: app.applicationId, text })).rejects.toMatchObject({
      status: 422,
      code: 'agency_not_involved',
    });
    await expect(fileComplaint(deps, omar('9000000021'), { category: 'other', applicationId: app.applicationId, text })).rejects.toMatchObject({ status: 404 });
  });

  it("escalates a complaint past its category's SLA once (time injected), never one resolved in time", async () => {
    const person = '9000000022';
    const filedAt = '2031-01-05T08:00:00.000Z';
    const { deps, audited } = complaints(at(filedAt));
    const late = await fileComplaint(deps, omar(person), { category: 'service-delay', agencyId: 'gam', text: 'My renewal is stuck at the fines check.' });
    const answered = await fileComplaint(deps, omar(person), { category: 'service-delay', agencyId: 'gam', text: 'My other renewal is stuck as well.' });
    await respondToComplaint(deps, officer('gam'), answered.complaintId, { message: 'The fine was cleared today.', status: 'resolved' }, {});
    expect(audited.map((entry) => [entry.subject, entry.actor.agencyId, entry.purpose])).toEqual([[`persons:${person}`, 'gam', `complaint ${answered.complaintId}`]]);

    const hours = (count: number) => new Date(Date.parse(filedAt) + count * 3_600_000).toISOString();
    const sweep = (now: string) => escalateOverdueComplaints({ store: deps.store, now: at(now) });
    expect((await sweep(hours(complaintSlaHours['service-delay'] - 1))).escalated).not.toContain(late.complaintId);
    const due = await sweep(hours(complaintSlaHours['service-delay'] + 1));
    expect(due.escalated).toContain(late.complaintId);
    expect(due.escalated).not.toContain(answered.complaintId);
    expect((await sweep(hours(complaintSlaHours['service-delay'] + 2))).escalated).not.toContain(late.complaintId);

    const escalated = await getComplaint(deps, operator, late.complaintId, { requestId: 'r-1' });
    expect(escalated).toMatchObject({ status: 'escalated', handler: 'egov-unit', agencyId: 'gam', escalatedAt: hours(complaintSlaHours['service-delay'] + 1) });
    expect(await eventsOf(late.complaintId)).toEqual(['ComplaintFiled', 'ComplaintEscalated']);
    await expect(respondToComplaint(deps, officer('gam'), late.complaintId, { message: 'Looking', status: 'in-progress' }, {})).rejects.toMatchObject({
      status: 403,
    });
    const resolved = await respondToComplaint(deps, operator, late.complaintId, { message: 'Renewed by the Unit.', status: 'resolved' }, {});
    expect(resolved).toMatchObject({ status: 'resolved', responses: [{ by: { role: 'operator' }, status: 'resolved' }] });
    await expect(rateResolution(deps, omar('9000000023'), late.complaintId, { rating: 5 })).rejects.toMatchObject({ status: 404 });
    expect(await rateResolution(deps, omar(person), late.complaintId, { rating: 4 })).toMatchObject({ status: 'closed', resolutionRating: { rating: 4 } });
    await expect(rateResolution(deps, omar(person), late.complaintId, { rating: 1 })).rejects.toMatchObject({ status: 409, code: 'already_rated' });
  });
});
