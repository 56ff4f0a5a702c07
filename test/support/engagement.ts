// Test helpers for notifications, ratings and complaints: fresh citizens with their own phone and email, the
// vehicle-renewal journey driven through the API, the local outbox files, and the engagement table read directly.
import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../../lib/platform/tables';
import { api, cloudState, signInAs, tables, tokenFor } from './api';
import { freshNationalNumber, personFields, signUpPerson } from './fixtures';
import { until } from './wait';

export const VEHICLE = {
  serviceId: 'vehicle-registration-renewal',
  answers: { plateNumber: '12-34567', chassisNumber: 'JTDBR32E540012345', insurancePolicyNumber: 'POL-2026-99881' },
  channel: 'portal',
} as const;

export const engagementTable = () => tableName('local', 'engagement');

export interface Citizen {
  readonly nationalNumber: string;
  readonly token: string;
  readonly phone: string;
  readonly email: string;
}

/** A person with a registry record of their own phone and email, signed up and signed in: nobody else's messages reach them. */
export async function freshCitizen(): Promise<Citizen> {
  const nationalNumber = freshNationalNumber();
  const phone = `+96279${String(randomInt(0, 10_000_000)).padStart(7, "0")}`; // a mobile range: only 077, 078, 079 receive SMS
  const email = `c${nationalNumber}@citizens.example`;
  const created = await api('/v1/registry/persons', { method: 'POST', token: await tokenFor('officer-cspd'), body: { fields: { ...personFields(nationalNumber), phone, email } } });
  if (created.status !== 201) {
    throw new Error(`creating a person: ${created.status} ${created.text}`);
  }
  const confirmation = await signUpPerson(nationalNumber);
  const confirmed = await api('/v1/auth/confirm', { method: 'POST', body: confirmation });
  if (confirmed.status !== 200) {
    throw new Error(`confirming a sign-up: ${confirmed.status} ${confirmed.text}`);
  }
  return { nationalNumber, phone, email, token: await signInAs(nationalNumber, 'Salma-Strong-2026!') };
}

export async function setPreferences(token: string, preferences: object): Promise<void> {
  const response = await api('/v1/me/notification-preferences', { method: 'PUT', token, body: preferences });
  if (response.status !== 200) {
    throw new Error(`setting preferences: ${response.status} ${response.text}`);
  }
}

export async function submitVehicleRenewal(token: string): Promise<string> {
  const response = await api('/v1/applications', { method: 'POST', token, body: VEHICLE, headers: { 'idempotency-key': randomUUID() } });
  if (response.status !== 201) {
    throw new Error(`submitting: ${response.status} ${response.text}`);
  }
  return response.body.applicationId as string;
}

/** The short reference messages and receipts name an application by. */
export async function referenceOf(token: string, applicationId: string): Promise<string> {
  const response = await api(`/v1/applications/${applicationId}`, { token });
  if (response.status !== 200 || typeof response.body.reference !== 'string') {
    throw new Error(`reading the reference: ${response.status} ${response.text}`);
  }
  return response.body.reference;
}

/** The open task of a step, once the workflow has put it in the agency's inbox. */
export async function openTask(agencyId: string, applicationId: string, stepId: string): Promise<string> {
  const token = await tokenFor(`officer-${agencyId}`);
  return until(`task ${stepId} of ${applicationId}`, async () => {
    for (let cursor: string | undefined, pages = 0; pages < 20; pages++) {
      const page = await api(`/v1/agencies/${agencyId}/tasks?status=open&limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token });
      const task = (page.body.items ?? []).find((item: { applicationId: string; stepId: string }) => item.applicationId === applicationId && item.stepId === stepId);
      if (task || !page.body.nextCursor) {
        return task?.taskId as string | undefined;
      }
      cursor = page.body.nextCursor;
    }
    return undefined;
  });
}

export async function decide(agencyId: string, taskId: string, decision: 'approve' | 'reject' | 'request-info', note?: string): Promise<void> {
  const response = await api(`/v1/tasks/${taskId}/decision`, { method: 'POST', token: await tokenFor(`officer-${agencyId}`), body: { decision, ...(note ? { note } : {}) } });
  if (response.status !== 200) {
    throw new Error(`deciding ${taskId}: ${response.status} ${response.text}`);
  }
}

/** Cancels as a client would: a 409 stale_version (the workflow moved it meanwhile) is retried. */
export async function cancel(token: string, applicationId: string): Promise<void> {
  await until(`cancelling ${applicationId}`, async () => {
    const response = await api(`/v1/applications/${applicationId}/cancel`, { method: 'POST', token, body: {} });
    if (response.status !== 200 && response.body.error?.code !== 'stale_version') {
      throw new Error(`cancelling ${applicationId}: ${response.status} ${response.text}`);
    }
    return response.status === 200;
  });
}

export async function waitForStatus(token: string, applicationId: string, status: string): Promise<void> {
  await until(`application ${applicationId} ${status}`, async () => (await api(`/v1/applications/${applicationId}`, { token })).body.status === status);
}

export interface InboxItem {
  readonly notificationId: string;
  readonly type: string;
  readonly category: string;
  readonly urgent: boolean;
  readonly language: 'ar' | 'en';
  readonly title: string;
  readonly body: string;
  readonly applicationId?: string;
  readonly complaintId?: string;
  readonly createdAt: string;
  readonly read: boolean;
}

/** The caller's inbox items about one application or complaint, oldest first (pages back until older than `since`). */
export async function inboxAbout(token: string, about: { applicationId?: string; complaintId?: string }, since = '', lang?: 'ar' | 'en'): Promise<InboxItem[]> {
  const found: InboxItem[] = [];
  for (let cursor: string | undefined, pages = 0; pages < 20; pages++) {
    const page = await api(`/v1/me/notifications?limit=100${lang ? `&lang=${lang}` : ''}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    if (page.status !== 200) {
      throw new Error(`reading the inbox: ${page.status} ${page.text}`);
    }
    const items: InboxItem[] = page.body.items;
    found.push(...items.filter((item) => (about.applicationId ? item.applicationId === about.applicationId : item.complaintId === about.complaintId)));
    cursor = page.body.nextCursor;
    if (!cursor || items.some((item) => item.createdAt < since)) {
      break;
    }
  }
  return found.reverse();
}

export interface OutboxLine {
  readonly to: string;
  readonly subject?: string;
  readonly body: string;
  readonly language?: string;
  readonly reference: string;
  readonly at: string;
}

/** The local email or SMS channel's messages for these notifications. */
export function outbox(channel: 'email' | 'sms', notificationIds: readonly string[]): OutboxLine[] {
  const file = path.join(cloudState().outbox, `${channel}.jsonl`);
  if (!existsSync(file)) {
    return [];
  }
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as OutboxLine);
  return lines.filter((line) => notificationIds.includes(line.reference.split('.')[0]!));
}

export interface StoredDelivery {
  readonly notificationId: string;
  readonly channel: 'email' | 'sms';
  readonly status: string;
  readonly attempts: number;
  readonly reason?: string;
  readonly sendAfter?: string;
  readonly history: Array<{ at: string; status: string; attempt?: number; reason?: string }>;
}

/** The delivery log of a notification, read from the table (what operators see masked). */
export async function deliveriesOf(notificationId: string): Promise<StoredDelivery[]> {
  const { Items = [] } = await tables().send(
    new QueryCommand({ TableName: engagementTable(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `NOTIFICATION#${notificationId}` }, ConsistentRead: true }),
  );
  return Items as unknown as StoredDelivery[];
}

/** Waits until no delivery of these notifications is queued or being sent. */
export async function settledDeliveries(notificationIds: readonly string[]): Promise<StoredDelivery[]> {
  return until('deliveries to settle', async () => {
    const all = (await Promise.all(notificationIds.map(deliveriesOf))).flat();
    return all.every((delivery) => ['sent', 'dead-lettered', 'deferred'].includes(delivery.status)) && all;
  });
}

export async function eventMarker(eventId: string): Promise<{ redeliveries: number; deliveries: unknown[] } | undefined> {
  const { Item } = await tables().send(new GetCommand({ TableName: engagementTable(), Key: { pk: `EVENT#${eventId}`, sk: 'NOTIFIED' }, ConsistentRead: true }));
  return Item as { redeliveries: number; deliveries: unknown[] } | undefined;
}
