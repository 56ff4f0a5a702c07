// "Rate your experience" on the local cloud: once per ended application, by its applicant; operators read the
// ratings per quarter, per service and per owning agency (a past quarter reached with injected time).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { rateApplication } from '../../functions/feedback/domain/feedback';
import { dynamoFeedback } from '../../functions/feedback/dynamo-feedback';
import { dynamoApplications } from '../../functions/applications/dynamo-applications';
import { quarterOf } from '../../functions/notifications/domain/amman-time';
import { tableName } from '../../lib/platform/tables';
import { api, tables, tokenFor } from '../support/api';
import { cancel, engagementTable, submitVehicleRenewal } from '../support/engagement';

const rate = async (applicationId: string, body: unknown, user = 'citizen2') => api(`/v1/applications/${applicationId}/feedback`, { method: 'POST', token: await tokenFor(user), body });

async function endedApplication(): Promise<string> {
  const token = await tokenFor('citizen2');
  const applicationId = await submitVehicleRenewal(token);
  await cancel(token, applicationId);
  return applicationId;
}

type Stats = { count: number; average: number; distribution: Record<string, number> };
async function summary(query = ''): Promise<Array<{ quarter: string; services: Array<Stats & { serviceId: string }>; agencies: Array<Stats & { agencyId: string }> }>> {
  const response = await api(`/v1/feedback/summary${query}`, { token: await tokenFor('operator') });
  expect(response.status).toBe(200);
  return response.body.quarters;
}

describe('rate your experience', () => {
  it('takes one rating per ended application from its applicant, counted for its quarter, service and agency', async () => {
    const quarter = quarterOf(new Date());
    const before = (await summary())[0]!;
    const vehicleBefore = before.services.find((entry) => entry.serviceId === 'vehicle-registration-renewal')?.count ?? 0;
    const dvldBefore = before.agencies.find((entry) => entry.agencyId === 'dvld')?.count ?? 0;

    const applicationId = await endedApplication();
    expect((await rate(applicationId, { rating: 5 }, 'citizen')).status).toBe(404);
    const rated = await rate(applicationId, { rating: 5, comment: 'Quick and clear' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ applicationId, serviceId: 'vehicle-registration-renewal', agencyId: 'dvld', rating: 5, comment: 'Quick and clear', quarter });
    expect((await rate(applicationId, { rating: 1 })).body.error.code).toBe('already_rated');

    const [now] = await summary(`?from=${quarter}&to=${quarter}`);
    expect(now!.quarter).toBe(quarter);
    // Other tests may rate meanwhile: at least this one more.
    expect(now!.services.find((entry) => entry.serviceId === 'vehicle-registration-renewal')!.count).toBeGreaterThanOrEqual(vehicleBefore + 1);
    expect(now!.agencies.find((entry) => entry.agencyId === 'dvld')!.count).toBeGreaterThanOrEqual(dvldBefore + 1);
  });

  it('takes one of several ratings sent at once, and counts only that one', async () => {
    const applicationId = await endedApplication();
    const responses = await Promise.all([1, 2, 3, 4, 5].map((rating) => rate(applicationId, { rating })));
    const taken = responses.filter((response) => response.status === 201);
    expect(taken).toHaveLength(1);
    expect(responses.filter((response) => response.status !== 201).map((response) => [response.status, response.body.error?.code])).toEqual(Array(4).fill([409, 'already_rated']));
    const { Item } = await tables().send(new GetCommand({ TableName: engagementTable(), Key: { pk: `FEEDBACK#${applicationId}`, sk: 'RATING' }, ConsistentRead: true }));
    expect(Item?.feedback.rating).toBe(taken[0]!.body.rating);
  });

  it('aggregates per quarter: a rating given in an earlier quarter counts there only (time injected)', async () => {
    const applicationId = await endedApplication();
    const earlier = new Date(Date.now() - 200 * 86_400_000);
    const applications = dynamoApplications(tables(), { applications: tableName('local', 'applications'), idempotency: tableName('local', 'idempotency') });
    const deps = { store: dynamoFeedback(tables(), engagementTable()), applications, owningAgency: async () => 'dvld', now: () => earlier };
    const principal = { sub: 'lina', role: 'citizen' as const, subject: { kind: 'persons' as const, recordId: '2000456789' } };
    await rateApplication(deps, principal, applicationId, { rating: 2 });

    const quarters = await summary(`?from=${quarterOf(earlier)}&to=${quarterOf(new Date())}`);
    expect(quarters[0]).toEqual({
      quarter: quarterOf(earlier),
      services: [{ serviceId: 'vehicle-registration-renewal', count: 1, average: 2, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 } }],
      agencies: [{ agencyId: 'dvld', count: 1, average: 2, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 } }],
    });
    expect(quarters.at(-1)!.quarter).toBe(quarterOf(new Date()));
    expect(quarters.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses what cannot be rated, with a machine-readable code', async () => {
    const open = await submitVehicleRenewal(await tokenFor('citizen2'));
    expect((await rate(open, { rating: 4 })).body.error.code).toBe('application_not_ended');
    const ended = await endedApplication();
    for (const body of [{ rating: 0 }, { rating: 6 }, { rating: 4.5 }, { rating: '5' }, { rating: 5, comment: 'x'.repeat(1001) }, {}]) {
      expect({ body, status: (await rate(ended, body)).status }).toEqual({ body, status: 400 });
    }
    expect((await rate('not-an-id', { rating: 5 })).status).toBe(400);
    expect((await rate('01JZ8Y3M6K2F4QW8N5T7V9X0AB', { rating: 5 })).body.error.code).toBe('application_not_found');
    const operator = await tokenFor('operator');
    expect((await api('/v1/feedback/summary?from=2026-Q3&to=2026-Q1', { token: operator })).body.error.code).toBe('quarter_range');
    expect((await api('/v1/feedback/summary?from=2026-Q5', { token: operator })).body.error.code).toBe('validation_failed');
    expect((await api('/v1/feedback/summary', { token: await tokenFor('citizen') })).status).toBe(403);
  });
});
