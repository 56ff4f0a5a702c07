// Notifications on the local cloud, from the domain events of real applications: exactly the expected messages
// per channel and language, none twice when an event is delivered twice, a failing channel retried with backoff,
// logged and dead-lettered, preferences and quiet hours honoured. Each test has its own fresh citizen.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../lib/platform/tables';
import { localDateTime } from '../../functions/shared/amman-time';
import { releaseDeferred } from '../../functions/notifications/domain/deliver';
import type { DeliveryRef } from '../../functions/notifications/domain/ports';
import { dynamoNotifications } from '../../functions/notifications/dynamo-notifications';
import { api, cloudState, tables, tokenFor } from '../support/api';
import {
  cancel,
  type Citizen,
  decide,
  deliveriesOf,
  engagementTable,
  eventMarker,
  freshCitizen,
  inboxAbout,
  openTask,
  outbox,
  setPreferences,
  settledDeliveries,
  submitVehicleRenewal,
  waitForStatus,
  referenceOf,
} from '../support/engagement';
import { findInPages } from '../support/pages';
import { until } from '../support/wait';

const SERVICE_EN = 'Vehicle registration renewal';
const SERVICE_AR = 'تجديد ترخيص المركبة';
const types = (items: ReadonlyArray<{ type: string }>) => items.map((item) => item.type);
const ids = (items: ReadonlyArray<{ notificationId: string }>) => items.map((item) => item.notificationId);

describe('a full application journey', () => {
  let omar: Citizen;
  let applicationId: string;
  let reference: string;
  let since: string;

  beforeAll(async () => {
    omar = await freshCitizen();
    await setPreferences(omar.token, { language: 'en', quietHours: null });
    since = new Date().toISOString();
    applicationId = await submitVehicleRenewal(omar.token);
    reference = await referenceOf(omar.token, applicationId);
    await decide('dvld', await openTask('dvld', applicationId, 'insurance-check'), 'approve');
    await decide('gam', await openTask('gam', applicationId, 'fines-check'), 'approve');
    await decide('dvld', await openTask('dvld', applicationId, 'technical-inspection'), 'approve', 'Vehicle passed inspection');
    await decide('dvld', await openTask('dvld', applicationId, 'issue-registration'), 'approve');
    await waitForStatus(omar.token, applicationId, 'approved');
  }, 90_000);

  it('notifies exactly as expected per channel, in the applicant’s language', async () => {
    const inbox = await until('the approval in the inbox', async () => {
      const items = await inboxAbout(omar.token, { applicationId }, since);
      return items.some((item) => item.type === 'ApplicationApproved') && items;
    });
    // In the inbox: every status change and, by default there only, each step's progress.
    expect(types(inbox)).toEqual(['ApplicationSubmitted', 'TaskDecided', 'TaskDecided', 'TaskDecided', 'TaskDecided', 'ApplicationApproved']);
    expect(inbox.every((item) => item.language === 'en' && !item.read)).toBe(true);
    expect(inbox[0]).toMatchObject({ category: 'application-status', title: `Application received: ${SERVICE_EN}` });
    expect(inbox[0]!.body).toContain(`We received your application ${reference} for ${SERVICE_EN}. Status: submitted. Fees: 42.750 JOD.`);
    expect(inbox[5]).toMatchObject({ title: `Approved: ${SERVICE_EN}` });
    expect(inbox[5]!.body).toContain(`DOC-${applicationId}`);

    // By email and SMS: the status changes only, each once, to the registry's address and number.
    const deliveries = await settledDeliveries(ids(inbox));
    expect(deliveries.map((delivery) => `${delivery.channel} ${delivery.status}`).sort()).toEqual(['email sent', 'email sent', 'sms sent', 'sms sent']);
    const emails = outbox('email', ids(inbox));
    expect(emails.map((email) => [email.to, email.subject, email.language])).toEqual([
      [omar.email, `Application received: ${SERVICE_EN}`, 'en'],
      [omar.email, `Approved: ${SERVICE_EN}`, 'en'],
    ]);
    const sms = outbox('sms', ids(inbox));
    expect(sms.map((message) => [message.to, message.body])).toEqual([
      [omar.phone, expect.stringMatching(new RegExp(`^Khidma: application ${reference} \\(${SERVICE_EN}\\) received\\. Fees 42\\.750 JOD\\. Expected by [A-Z][a-z]+day, \\d{1,2} [A-Z][a-z]+ \\d{4}\\.$`))],
      [omar.phone, `Khidma: application ${reference} (${SERVICE_EN}) approved. Document DOC-${applicationId}.`],
    ]);
  });

  it('tells each agency’s officers of their new tasks, in their shared inbox', async () => {
    const dvld = await inboxAbout(await tokenFor('officer-dvld'), { applicationId }, since, 'en');
    const gam = await inboxAbout(await tokenFor('officer-gam'), { applicationId }, since, 'en');
    expect(dvld.map((item) => item.title)).toEqual(['New task: Check compulsory insurance', 'New task: Technical inspection of the vehicle', 'New task: Issue the vehicle registration']);
    expect(gam.map((item) => item.title)).toEqual(['New task: Check that traffic fines are paid']);
    expect(await inboxAbout(await tokenFor('officer-moh'), { applicationId }, since)).toEqual([]);
    // Officers read in Arabic unless they ask otherwise; marking one read is theirs alone.
    const [first] = await inboxAbout(await tokenFor('officer-gam'), { applicationId }, since);
    expect(first).toMatchObject({ language: 'ar', title: 'مهمة جديدة: التحقق من تسديد المخالفات المرورية' });
    const read = await api(`/v1/me/notifications/${first!.notificationId}/read`, { method: 'POST', token: await tokenFor('officer-gam') });
    expect(read.body).toMatchObject({ notificationId: first!.notificationId, read: true, readAt: expect.any(String) });
    expect((await api(`/v1/me/notifications/${first!.notificationId}/read`, { method: 'POST', token: await tokenFor('officer-dvld') })).body.error.code).toBe(
      'notification_not_found',
    );
    expect((await api(`/v1/me/notifications/${first!.notificationId}/read`, { method: 'POST', token: omar.token })).status).toBe(404);
  });

  it('never notifies twice when an event is delivered twice', async () => {
    const before = await inboxAbout(omar.token, { applicationId }, since);
    const applications = tableName('local', 'applications');
    const { Items = [] } = await tables().send(
      new QueryCommand({ TableName: applications, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :evt)', ExpressionAttributeValues: { ':pk': `APP#${applicationId}`, ':evt': 'EVT#' } }),
    );
    const submitted = Items.find((item) => item.event.type === 'ApplicationSubmitted')!;
    // Replaying the outbox item makes the stream publish the same event again, as an at-least-once bus may.
    await tables().send(new DeleteCommand({ TableName: applications, Key: { pk: submitted.pk, sk: submitted.sk } }));
    await tables().send(new PutCommand({ TableName: applications, Item: submitted }));

    const eventId = submitted.event.eventId as string;
    await until('the redelivered event', async () => ((await eventMarker(eventId))?.redeliveries ?? 0) >= 1);
    const published = readFileSync(cloudState().events, 'utf8').split('\n').filter((line) => line.includes(eventId));
    expect(published).toHaveLength(2);
    const after = await inboxAbout(omar.token, { applicationId }, since);
    expect(ids(after)).toEqual(ids(before));
    expect(outbox('email', ids(after))).toHaveLength(2);
    expect(outbox('sms', ids(after))).toHaveLength(2);
  });
});

describe('language', () => {
  it('writes to an Arabic-speaking citizen in Arabic, in every channel', async () => {
    const lina = await freshCitizen();
    await setPreferences(lina.token, { language: 'ar', quietHours: null });
    const since = new Date().toISOString();
    const applicationId = await submitVehicleRenewal(lina.token);
    const reference = await referenceOf(lina.token, applicationId);
    await cancel(lina.token, applicationId);
    const inbox = await until('the cancellation in the inbox', async () => {
      const items = await inboxAbout(lina.token, { applicationId }, since);
      return items.some((item) => item.type === 'ApplicationCancelled') && items;
    });
    expect(inbox.map((item) => [item.type, item.language, item.title])).toEqual([
      ['ApplicationSubmitted', 'ar', `تم استلام طلبك: ${SERVICE_AR}`],
      ['ApplicationCancelled', 'ar', `أُلغي الطلب: ${SERVICE_AR}`],
    ]);
    await settledDeliveries(ids(inbox));
    expect(outbox('email', ids(inbox)).map((email) => [email.subject, email.language])).toEqual([
      [`تم استلام طلبك: ${SERVICE_AR}`, 'ar'],
      [`أُلغي الطلب: ${SERVICE_AR}`, 'ar'],
    ]);
    expect(outbox('email', ids(inbox))[0]!.body).toContain('الرسوم: 42.750 د.أ');
    expect(outbox('sms', ids(inbox)).map((message) => message.body)).toEqual([
      expect.stringMatching(/^خدمة: استلمنا طلبك /),
      `خدمة: أُلغي طلبك \u2068${reference}\u2069 (${SERVICE_AR}).`,
    ]);
    // The same inbox, read in English when asked.
    expect((await inboxAbout(lina.token, { applicationId }, since, 'en'))[0]!.title).toBe(`Application received: ${SERVICE_EN}`);
  });
});

/** Today's NotificationFailed and NotificationDeadLettered counts of a channel, as operators read them. */
async function channelMetrics(token: string, channel: string): Promise<{ failed: number; deadLettered: number }> {
  const { body } = await api('/v1/operations/metrics', { token });
  const sum = (metric: string) =>
    (body.counts as Array<{ metric: string; dimensions: Record<string, string>; count: number }>)
      .filter((entry) => entry.metric === metric && entry.dimensions.channel === channel)
      .reduce((total, entry) => total + entry.count, 0);
  return { failed: sum('NotificationFailed'), deadLettered: sum('NotificationDeadLettered') };
}

describe.each([
  ['sms', 'email', (citizen: Citizen) => citizen.phone, (citizen: Citizen) => `${citizen.phone.slice(0, 4)}******${citizen.phone.slice(-3)}`],
  ['email', 'sms', (citizen: Citizen) => citizen.email, (citizen: Citizen) => `${citizen.email[0]}***${citizen.email.slice(citizen.email.indexOf('@'))}`],
] as const)('a failing %s channel', (channel, other, addressOf, masked) => {
  const failSwitch = () => path.join(cloudState().outbox, `${channel}.fail`);
  afterAll(() => rmSync(failSwitch(), { force: true }));

  it('is retried with backoff, each failure logged, then dead-lettered and shown to operators; the other channel still delivers', async () => {
    const citizen = await freshCitizen();
    await setPreferences(citizen.token, { language: 'en', quietHours: null });
    // The local channel fails for this citizen's address only (see functions/notifications/file-channels.ts).
    writeFileSync(failSwitch(), `${addressOf(citizen)}\n`);
    const operatorToken = await tokenFor('operator');
    const metricsBefore = await channelMetrics(operatorToken, channel);
    const since = new Date().toISOString();
    const applicationId = await submitVehicleRenewal(citizen.token);
    const [submitted] = await until('the submission in the inbox', async () => {
      const items = await inboxAbout(citizen.token, { applicationId }, since);
      return items.length > 0 && items;
    });
    const failed = await until(`the ${channel} dead-lettered`, async () => {
      const found = (await deliveriesOf(submitted!.notificationId)).find((delivery) => delivery.channel === channel);
      return found?.status === 'dead-lettered' && found;
    });
    expect(failed.history.map((step) => `${step.status}${step.attempt ? ` ${step.attempt}` : ''}`)).toEqual([
      'queued',
      'retrying 1',
      'retrying 2',
      'retrying 3',
      'retrying 4',
      'dead-lettered 5',
    ]);
    expect(failed.reason).toBe(`ChannelUnavailable: the local ${channel} channel is switched off (${channel}.fail)`);
    // Backoff: each wait at least twice the one before (200 ms, 400, 800, 1600 locally).
    const times = failed.history.slice(1).map((step) => Date.parse(step.at));
    const waits = times.slice(1).map((time, index) => time - times[index]!);
    expect(waits).toHaveLength(4);
    waits.forEach((wait, index) => expect(wait).toBeGreaterThanOrEqual(200 * 2 ** index));
    expect(outbox(channel, [submitted!.notificationId])).toEqual([]);
    expect((await settledDeliveries([submitted!.notificationId])).map((delivery) => `${delivery.channel} ${delivery.status}`).sort()).toEqual(
      [`${channel} dead-lettered`, `${other} sent`].sort(),
    );
    expect(outbox(other, [submitted!.notificationId])).toHaveLength(1);
    // Counted for operators (EMF): five failed attempts, one of them dead-lettered, on this channel.
    await until('the failures in the metrics', async () => {
      const now = await channelMetrics(operatorToken, channel);
      return now.failed >= metricsBefore.failed + 5 && now.deadLettered >= metricsBefore.deadLettered + 1;
    });

    const operator = await tokenFor('operator');
    const listed = await until('the operators’ list', async () =>
      findInPages<{ notificationId: string; channel: string }>(
        '/v1/notifications/deliveries?status=dead-lettered',
        operator,
        (item) => item.notificationId === submitted!.notificationId && item.channel === channel,
      ),
    );
    expect(listed).toMatchObject({ channel, status: 'dead-lettered', attempts: 5, eventType: 'ApplicationSubmitted', applicationId, reason: failed.reason });
    expect((listed as unknown as { to: string }).to).toBe(masked(citizen));
    expect((await api('/v1/notifications/deliveries', { token: citizen.token })).status).toBe(403);
    expect((await api('/v1/notifications/deliveries?status=lost', { token: operator })).body.error.code).toBe('validation_failed');
  });
});

describe('preferences and quiet hours', () => {
  /** HH:MM in Amman, `minutes` from now. */
  const ammanClock = (minutes: number) => localDateTime(new Date(Date.now() + minutes * 60_000)).slice(11);

  it('hold non-urgent SMS until quiet hours end, send urgent ones at once, and drop what the citizen turned off', async () => {
    const citizen = await freshCitizen();
    const quietHours = { from: ammanClock(-60), to: ammanClock(60) };
    const saved = await api('/v1/me/notification-preferences', { method: 'PUT', token: citizen.token, body: { language: 'en', quietHours } });
    expect(saved.body).toMatchObject({ language: 'en', quietHours, channels: { 'application-status': { email: true, sms: true } } });
    expect((await api('/v1/me/notification-preferences', { token: citizen.token })).body).toEqual(saved.body);

    const since = new Date().toISOString();
    const applicationId = await submitVehicleRenewal(citizen.token);
    const [submitted] = await until('the submission in the inbox', async () => {
      const items = await inboxAbout(citizen.token, { applicationId }, since);
      return items.length > 0 && items;
    });
    const held = await settledDeliveries([submitted!.notificationId]);
    expect(held.map((delivery) => `${delivery.channel} ${delivery.status}`).sort()).toEqual(['email sent', 'sms deferred']);
    const sendAfter = held.find((delivery) => delivery.channel === 'sms')!.sendAfter!;
    expect(localDateTime(new Date(sendAfter)).slice(11)).toBe(quietHours.to);

    // A request for information is urgent: its SMS goes out in quiet hours too.
    await decide('gam', await openTask('gam', applicationId, 'fines-check'), 'request-info', 'Please send the receipt of the 2025 parking fine.');
    const asked = await until('the request in the inbox', async () => (await inboxAbout(citizen.token, { applicationId }, since)).find((item) => item.type === 'InformationRequested'));
    expect(asked).toMatchObject({ category: 'action-required', urgent: true });
    await settledDeliveries([asked.notificationId]);
    expect(outbox('sms', [asked.notificationId])).toEqual([expect.objectContaining({ to: citizen.phone, body: expect.stringContaining('Please send the receipt') })]);

    // The sweep releases the held SMS once quiet hours end (time injected; here it is only queued).
    const released: DeliveryRef[] = [];
    const store = dynamoNotifications(tables(), engagementTable());
    await releaseDeferred({ store, queue: { enqueue: async (ref) => void released.push(ref) }, now: () => new Date(Date.parse(sendAfter) - 60_000) });
    expect(released).not.toContainEqual({ notificationId: submitted!.notificationId, channel: 'sms' });
    await releaseDeferred({ store, queue: { enqueue: async (ref) => void released.push(ref) }, now: () => new Date(sendAfter) });
    expect(released).toContainEqual({ notificationId: submitted!.notificationId, channel: 'sms' });

    // SMS turned off for status changes: the cancellation comes by email and in the inbox only.
    await setPreferences(citizen.token, { language: 'en', quietHours: null, channels: { 'application-status': { email: true, sms: false } } });
    await cancel(citizen.token, applicationId);
    const cancelled = await until('the cancellation in the inbox', async () => (await inboxAbout(citizen.token, { applicationId }, since)).find((item) => item.type === 'ApplicationCancelled'));
    expect((await settledDeliveries([cancelled.notificationId])).map((delivery) => `${delivery.channel} ${delivery.status}`)).toEqual(['email sent']);
  });

  it('refuse preferences that make no sense, with a machine-readable code', async () => {
    const token = await tokenFor('citizen2');
    const put = (body: unknown) => api('/v1/me/notification-preferences', { method: 'PUT', token, body });
    expect((await put({ language: 'fr' })).body.error.code).toBe('validation_failed');
    expect((await put({ language: 'ar', quietHours: { from: '25:00', to: '07:00' } })).body.error.code).toBe('validation_failed');
    expect((await put({ language: 'ar', quietHours: { from: '07:00', to: '07:00' } })).status).toBe(400);
    expect((await put({ language: 'ar', channels: { marketing: { email: true, sms: true } } })).status).toBe(400);
    expect((await api('/v1/me/notification-preferences', { token: await tokenFor('officer-dvld') })).status).toBe(403);
    expect((await api('/v1/me/notifications?limit=500', { token })).status).toBe(400);
    expect((await api('/v1/me/notifications/not-an-id/read', { method: 'POST', token })).status).toBe(400);
  });
});
