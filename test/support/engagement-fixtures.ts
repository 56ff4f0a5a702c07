// Authorization-matrix data for notifications, ratings and complaints, made through the API as a client would.
import { api, tokenFor } from './api';
import { type Persona, personas } from './access-matrix';
import { cancel } from './engagement';
import { until } from './wait';
import { apply } from './fixtures';

type PerPersona<T> = Readonly<Record<Persona, T>>;

export interface EngagementFixtures {
  /** Omar's applications, submitted then cancelled: ended, not rated yet. */
  readonly endedApplications: PerPersona<string>;
  /** Omar's complaint about dvld. */
  readonly complaint: string;
  /** Omar's complaints about dvld, waiting for an answer. */
  readonly complaintsToAnswer: PerPersona<string>;
  /** Omar's complaints dvld resolved, waiting for his rating. */
  readonly resolvedComplaints: PerPersona<string>;
  /** A notification of the persona's own inbox where it has one (Omar's, dvld's, the operators'), else one of Omar's. */
  readonly notifications: PerPersona<string>;
}

const COMPLAINT = { category: 'service-delay', agencyId: 'dvld', text: 'authorization matrix: my renewal has waited too long' } as const;

async function perPersona<T>(make: (persona: Persona) => Promise<T>): Promise<PerPersona<T>> {
  const items: Partial<Record<Persona, T>> = {};
  for (const persona of personas) {
    items[persona] = await make(persona);
  }
  return items as PerPersona<T>;
}

async function expectOk(response: { status: number; text: string; body: any }, status: number, what: string) {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${response.text}`);
  }
  return response.body;
}

async function endedApplication(vehicle: object): Promise<string> {
  const { applicationId } = await apply('citizen', vehicle);
  await cancel(await tokenFor('citizen'), applicationId);
  return applicationId;
}

async function fileComplaint(body: object = COMPLAINT): Promise<string> {
  return (await expectOk(await api('/v1/complaints', { method: 'POST', token: await tokenFor('citizen'), body }), 201, 'filing a complaint')).complaintId;
}

async function resolvedComplaint(): Promise<string> {
  const complaintId = await fileComplaint();
  const answer = { message: 'authorization matrix: resolved', status: 'resolved' };
  await expectOk(await api(`/v1/complaints/${complaintId}/responses`, { method: 'POST', token: await tokenFor('officer-dvld'), body: answer }), 200, 'resolving');
  return complaintId;
}

async function newestNotification(user: string): Promise<string> {
  const token = await tokenFor(user);
  return until(`a notification for ${user}`, async () => (await api('/v1/me/notifications?limit=1', { token })).body.items?.[0]?.notificationId as string | undefined);
}

export async function makeEngagementFixtures(vehicle: object): Promise<EngagementFixtures> {
  const endedApplications = await perPersona(() => endedApplication(vehicle));
  const complaint = await fileComplaint();
  // Names no agency: the e-Government Unit's operators are notified.
  await fileComplaint({ category: 'other', text: 'authorization matrix: a question for the e-Government Unit' });
  const [omars, dvlds, operators] = [await newestNotification('citizen'), await newestNotification('officer-dvld'), await newestNotification('operator')];
  const own: Partial<Record<Persona, string>> = { ownOfficer: dvlds, otherOfficer: dvlds, operator: operators };
  return {
    endedApplications,
    complaint,
    complaintsToAnswer: await perPersona(() => fileComplaint()),
    resolvedComplaints: await perPersona(() => resolvedComplaint()),
    notifications: Object.fromEntries(personas.map((persona) => [persona, own[persona] ?? omars])) as PerPersona<string>,
  };
}
