// Complaints on the local cloud: routed to the responsible agency, answered until resolved, rated and closed;
// past their SLA (time injected) escalated to the e-Government Unit; staff reads audited; bad input a clear 4xx.
import { escalateOverdueComplaints } from '../../functions/complaints/domain/handling';
import { dynamoComplaints } from '../../functions/complaints/dynamo-complaints';
import { api, tables, tokenFor } from '../support/api';
import { engagementTable, inboxAbout, submitVehicleRenewal } from '../support/engagement';
import { allItems } from '../support/pages';
import { until } from '../support/wait';

const file = async (body: object, user = 'citizen') => api('/v1/complaints', { method: 'POST', token: await tokenFor(user), body });
const respond = async (user: string, complaintId: string, body: object) =>
  api(`/v1/complaints/${complaintId}/responses`, { method: 'POST', token: await tokenFor(user), body });
/** The whole queue, every page: that a complaint is not in it must not depend on a page of 100 being enough. */
const queueOf = async (user: string, query = '') =>
  allItems<{ complaintId: string; status: string; handler: string; overdue: boolean }>(`/v1/complaints${query}`, await tokenFor(user));

describe('a complaint about an application', () => {
  let applicationId: string;
  let complaintId: string;
  const since = new Date().toISOString();

  beforeAll(async () => {
    applicationId = await submitVehicleRenewal(await tokenFor('citizen'));
  });

  it('goes to the agency that owns the service, which alone (with operators) sees it', async () => {
    const filed = await file({ category: 'service-delay', applicationId, text: 'The inspection step has not moved for two weeks.' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ category: 'service-delay', status: 'received', agencyId: 'dvld', handler: 'dvld', applicationId, responses: [] });
    expect(filed.body.complainant).toBeUndefined();
    expect(Date.parse(filed.body.dueAt) - Date.parse(filed.body.createdAt)).toBe(72 * 3_600_000);
    complaintId = filed.body.complaintId;

    expect((await queueOf('officer-dvld')).find((item) => item.complaintId === complaintId)).toMatchObject({ status: 'received', overdue: false });
    expect((await queueOf('officer-gam')).find((item) => item.complaintId === complaintId)).toBeUndefined();
    expect((await api('/v1/complaints?agencyId=dvld', { token: await tokenFor('officer-gam') })).body.error.details.reason).toBe('not_your_agency');
    expect((await queueOf('operator', '?agencyId=dvld')).some((item) => item.complaintId === complaintId)).toBe(true);
    expect((await api(`/v1/complaints/${complaintId}`, { token: await tokenFor('officer-gam') })).status).toBe(404);
    expect((await api(`/v1/complaints/${complaintId}`, { token: await tokenFor('citizen2') })).status).toBe(404);
  });

  it('puts what staff read on the citizen’s access log', async () => {
    const read = await api(`/v1/complaints/${complaintId}`, { token: await tokenFor('officer-dvld') });
    expect(read.body).toMatchObject({ complaintId, complainant: { kind: 'persons', recordId: '9861012345' } });
    const log = await until('the read in the access log', async () => {
      const entries = await allItems<{ purpose?: string; by: { agencyId?: string }; fields: string[] }>('/v1/me/access-log', await tokenFor('citizen'));
      return entries.find((entry) => entry.purpose === `complaint ${complaintId}`);
    });
    expect(log).toMatchObject({ by: { role: 'officer', agencyId: 'dvld' }, fields: ['complaint.text', 'complaint.responses'] });
  });

  it('is answered until resolved, and the citizen sees the answers, is notified, and rates the resolution', async () => {
    expect((await respond('officer-gam', complaintId, { message: 'Not ours', status: 'resolved' })).status).toBe(404);
    expect((await respond('operator', complaintId, { message: 'Ours?', status: 'resolved' })).body.error.details.reason).toBe('not_handler');
    expect((await respond('officer-dvld', complaintId, { message: 'We are looking into it.', status: 'in-progress' })).body.status).toBe('in-progress');
    const resolved = await respond('officer-dvld', complaintId, { message: 'Your inspection is booked for Sunday 09:00.', status: 'resolved' });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String), responses: [{ status: 'in-progress' }, { status: 'resolved', by: { role: 'officer', agencyId: 'dvld' } }] });

    const mine = await allItems<{ complaintId: string }>('/v1/me/complaints', await tokenFor('citizen'));
    expect(mine.find((item) => item.complaintId === complaintId)).toMatchObject({
      status: 'resolved',
      responses: [{ message: 'We are looking into it.' }, { message: 'Your inspection is booked for Sunday 09:00.' }],
    });
    expect((await allItems<{ complaintId: string }>('/v1/me/complaints', await tokenFor('citizen2'))).map((item) => item.complaintId)).not.toContain(complaintId);

    const inbox = await until('the answers in the inbox', async () => {
      const items = await inboxAbout(await tokenFor('citizen'), { complaintId }, since);
      return items.length >= 3 && items;
    });
    expect(inbox.map((item) => item.type)).toEqual(['ComplaintFiled', 'ComplaintAnswered', 'ComplaintAnswered']);
    expect((await inboxAbout(await tokenFor('officer-dvld'), { complaintId }, since)).map((item) => item.type)).toEqual(['ComplaintFiled']);

    const rate = (body: object, token: string) => api(`/v1/complaints/${complaintId}/rating`, { method: 'POST', token, body });
    expect((await rate({ rating: 4 }, await tokenFor('citizen2'))).status).toBe(404);
    expect((await rate({ rating: 9 }, await tokenFor('citizen'))).status).toBe(400);
    const closed = await rate({ rating: 4, comment: 'Sorted within a day.' }, await tokenFor('citizen'));
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String), resolutionRating: { rating: 4, comment: 'Sorted within a day.' } });
    expect((await rate({ rating: 1 }, await tokenFor('citizen'))).body.error).toMatchObject({ code: 'already_rated', details: { rating: 4 } });
    expect((await respond('officer-dvld', complaintId, { message: 'More', status: 'in-progress' })).body.error.code).toBe('complaint_not_open');
  });
});

describe('a complaint left unanswered past its SLA', () => {
  it('is escalated once to the e-Government Unit (time injected), which then answers it', async () => {
    const since = new Date().toISOString();
    const filed = await file({ category: 'digital-services', agencyId: 'gam', text: 'The fines page times out every evening.' }, 'citizen2');
    expect(filed.body).toMatchObject({ handler: 'gam', status: 'received' });
    const { complaintId, dueAt } = filed.body;
    expect(Date.parse(dueAt) - Date.parse(filed.body.createdAt)).toBe(48 * 3_600_000);

    const sweep = (now: number) => escalateOverdueComplaints({ store: dynamoComplaints(tables(), engagementTable()), now: () => new Date(now) });
    expect((await sweep(Date.parse(dueAt) - 60_000)).escalated).not.toContain(complaintId);
    expect((await sweep(Date.parse(dueAt) + 60_000)).escalated).toContain(complaintId);
    expect((await sweep(Date.parse(dueAt) + 120_000)).escalated).not.toContain(complaintId);

    const escalated = await api(`/v1/complaints/${complaintId}`, { token: await tokenFor('citizen2') });
    expect(escalated.body).toMatchObject({ status: 'escalated', handler: 'egov-unit', agencyId: 'gam', escalatedAt: new Date(Date.parse(dueAt) + 60_000).toISOString() });
    expect((await queueOf('operator')).find((item) => item.complaintId === complaintId)).toMatchObject({ status: 'escalated', handler: 'egov-unit' });
    expect((await queueOf('officer-gam')).find((item) => item.complaintId === complaintId)).toBeUndefined();
    // The agency complained about may still read it, no longer answer it.
    expect((await api(`/v1/complaints/${complaintId}`, { token: await tokenFor('officer-gam') })).status).toBe(200);
    expect((await respond('officer-gam', complaintId, { message: 'Fixed', status: 'resolved' })).body.error.details.reason).toBe('not_handler');
    expect((await respond('operator', complaintId, { message: 'The page was fixed on 3 May.', status: 'resolved' })).body.status).toBe('resolved');

    const notified = async (user: string) => (await inboxAbout(await tokenFor(user), { complaintId }, since)).map((item) => item.type);
    await until('the escalation in every inbox', async () => (await notified('citizen2')).includes('ComplaintAnswered'));
    expect(await notified('citizen2')).toEqual(['ComplaintFiled', 'ComplaintEscalated', 'ComplaintAnswered']);
    expect(await notified('operator')).toEqual(['ComplaintEscalated']);
    expect(await notified('officer-gam')).toEqual(['ComplaintFiled', 'ComplaintEscalated']);
  });

  it('goes straight to the e-Government Unit when it names no agency or application', async () => {
    const filed = await file({ category: 'other', text: 'I could not find where to renew a trade licence.' }, 'citizen2');
    expect(filed.body).toMatchObject({ handler: 'egov-unit', status: 'received' });
    expect(filed.body.agencyId).toBeUndefined();
    expect((await queueOf('operator')).some((item) => item.complaintId === filed.body.complaintId)).toBe(true);
  });
});

describe('two ratings at once', () => {
  it('close the complaint once: one is taken, the other told it is closed, never a 5xx', async () => {
    const filed = await file({ category: 'digital-services', agencyId: 'gam', text: 'The fines page shows last year’s fines.' }, 'citizen2');
    const { complaintId } = filed.body;
    expect((await respond('officer-gam', complaintId, { message: 'Corrected.', status: 'resolved' })).body.status).toBe('resolved');
    const token = await tokenFor('citizen2');
    const ratings = await Promise.all(
      [5, 1].map((rating) => api(`/v1/complaints/${complaintId}/rating`, { method: 'POST', token, body: { rating } })),
    );
    const taken = ratings.filter((response) => response.status === 200);
    expect(taken).toHaveLength(1);
    expect(ratings.filter((response) => response.status !== 200).map((response) => [response.status, response.body.error?.code])).toEqual([[409, expect.any(String)]]);
    const stored = await api(`/v1/complaints/${complaintId}`, { token });
    expect(stored.body).toMatchObject({ status: 'closed', resolutionRating: { rating: taken[0]!.body.resolutionRating.rating } });
  });
});

describe('bad complaints', () => {
  it('get a 4xx with a machine-readable code, never a 5xx', async () => {
    const applicationOfOmar = await submitVehicleRenewal(await tokenFor('citizen'));
    const text = 'A complaint long enough to be read.';
    const cases: Array<[object, number, string]> = [
      [{ category: 'service-delay', text: 'short' }, 400, 'validation_failed'],
      [{ category: 'weather', text }, 400, 'validation_failed'],
      [{ category: 'other', text, agencyId: 'Not An Agency' }, 400, 'validation_failed'],
      [{ category: 'other', text, applicationId: '123' }, 400, 'validation_failed'],
      [{ category: 'other', text, extra: true }, 400, 'validation_failed'],
      [{ category: 'other', text, agencyId: 'no-such-agency' }, 422, 'unknown_agency'],
      [{ category: 'other', text, agencyId: 'moh', applicationId: applicationOfOmar }, 422, 'agency_not_involved'],
    ];
    for (const [body, status, code] of cases) {
      const response = await file(body);
      expect({ body, status: response.status, code: response.body.error?.code }).toEqual({ body, status, code });
    }
    expect((await file({ category: 'other', text, applicationId: applicationOfOmar }, 'citizen2')).body.error.code).toBe('application_not_found');
    expect((await api('/v1/complaints', { method: 'POST', token: await tokenFor('citizen'), rawBody: '{"category":', headers: { 'content-type': 'application/json' } })).body.error.code).toBe(
      'invalid_json',
    );
    expect((await file({ category: 'other', text }, 'officer-dvld')).status).toBe(403);
    expect((await api('/v1/complaints/not-a-complaint', { token: await tokenFor('citizen') })).status).toBe(400);
    expect((await api('/v1/complaints/01JZ8Y3M6K2F4QW8N5T7V9X0AB', { token: await tokenFor('citizen') })).body.error.code).toBe('complaint_not_found');
    expect((await respond('officer-dvld', '01JZ8Y3M6K2F4QW8N5T7V9X0AB', { message: 'x', status: 'closed' })).status).toBe(400);
    expect((await api('/v1/complaints?status=lost', { token: await tokenFor('officer-dvld') })).status).toBe(400);
  });
});
