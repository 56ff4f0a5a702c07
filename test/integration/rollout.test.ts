// Rollout management on the local cloud: the six phases with their services, readiness and capacity plan; a
// phase's open date changed and a service moved, each with optimistic concurrency (409 on a stale version) and
// in the audit trail; a phase that would open, or an open phase that would take a service, while a service's
// steps name an agency with no task queue is refused with what is missing. Only services this test creates move,
// and only phase 6 (opening far ahead) changes date, so the other tests' phases stay as seeded.
import { randomInt } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoCatalogue } from '../../functions/services/dynamo-catalogue';
import { ammanDate, addDays } from '../../functions/shared/amman-time';
import { tableName } from '../../lib/platform/tables';
import { referenceServices } from '../../reference/services';
import { api, tables, tokenFor } from '../support/api';

const operatorToken = () => tokenFor('operator');

async function createService(serviceId: string, agencyId: string, rolloutPhase: number): Promise<void> {
  const card = structuredClone(referenceServices[0]!.card);
  card.rolloutPhase = rolloutPhase;
  card.workflow = [{ steps: [{ ...card.workflow[0]!.steps[0]!, agencyId }] }];
  card.partnerAgencyIds = [...new Set([...card.partnerAgencyIds, agencyId])].filter((id) => id !== card.ownerAgencyId);
  const created = await api(`/v1/services/${serviceId}`, { method: 'PUT', token: await operatorToken(), body: { expectedVersion: 0, card } });
  if (created.status !== 201) {
    throw new Error(`creating ${serviceId}: ${created.status} ${created.text}`);
  }
}

async function rolloutAudit(containing: string): Promise<any[]> {
  const { Items = [] } = await tables().send(
    new QueryCommand({
      TableName: tableName('local', 'audit'),
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'contains(#record.purpose, :text)',
      ExpressionAttributeNames: { '#record': 'record' },
      ExpressionAttributeValues: { ':pk': 'SUBJECT#rollout:schedule', ':text': containing },
    }),
  );
  return Items.map((item) => item.record);
}

describe('the rollout', () => {
  const stamp = randomInt(0, 1_000_000_000);
  const unroutedAgency = `no-queue-${stamp}`;
  const unrouted = `rollout-unrouted-${stamp}`;
  const routed = `rollout-routed-${stamp}`;

  beforeAll(async () => {
    // An agency in the catalogue that this deployment has no task queue for (its queues were never deployed).
    await dynamoCatalogue(tables(), tableName('local', 'catalogue')).putAgency({ agencyId: unroutedAgency, name: { ar: 'جهة بلا طابور', en: 'Agency without a queue' }, acronym: 'NQ' });
    await createService(unrouted, unroutedAgency, 6);
    await createService(routed, 'dvld', 6);
  });

  it('shows six phases with their services, readiness and capacity plan', async () => {
    const response = await api('/v1/rollout', { token: await operatorToken() });
    expect(response.status).toBe(200);
    const { phases, capacity } = response.body;
    expect(phases.map((phase: any) => phase.phase)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(phases[0]).toMatchObject({ open: true, ready: true });
    const six = phases[5];
    expect(six.services).toEqual(expect.arrayContaining([expect.objectContaining({ serviceId: unrouted, lifecycleStage: 're-engineering', launched: false, unroutedAgencies: [unroutedAgency] })]));
    expect(six.notLaunched).toEqual(expect.arrayContaining([unrouted, routed]));
    expect(six.missingRoutes).toEqual(expect.arrayContaining([{ serviceId: unrouted, agencyIds: [unroutedAgency] }]));
    expect(six.ready).toBe(false);
    // Each phase carries the ones before it.
    for (let index = 1; index < 6; index += 1) {
      expect(phases[index].capacity.submissionsPerSecond).toBeGreaterThanOrEqual(phases[index - 1].capacity.submissionsPerSecond);
      expect(phases[index].capacity.services).toBe(phases.slice(0, index + 1).reduce((count: number, phase: any) => count + phase.services.length, 0));
    }
    expect(capacity.assumptions).toMatchObject({ workingDaysPerYear: 245, workingHoursPerDay: 7, peakToMean: 5 });
    expect(six.capacity.quotas.map((use: any) => use.quota).sort()).toEqual(['apiRequestsPerSecond', 'lambdaConcurrency', 'sqsInFlightPerQueue', 'startExecutionsPerSecond', 'stateTransitionsPerSecond']);
  });

  it("changes a phase's open date once per version, audited; will not open a phase with a service it cannot route", async () => {
    const token = await operatorToken();
    const before = (await api('/v1/rollout', { token })).body;
    const six = before.phases[5];
    const later = addDays(six.opensOn, 1);

    const opening = await api('/v1/rollout/phases/6', { method: 'PUT', token, body: { opensOn: ammanDate(new Date()), expectedVersion: before.version } });
    expect(opening.status).toBe(409);
    expect(opening.body.error).toMatchObject({ code: 'phase_not_ready', details: { phase: 6, missingRoutes: expect.arrayContaining([{ serviceId: unrouted, agencyIds: [unroutedAgency] }]) } });
    expect((await api('/v1/rollout', { token })).body.version).toBe(before.version);

    const moved = await api('/v1/rollout/phases/6', { method: 'PUT', token, body: { opensOn: later, expectedVersion: before.version } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ version: before.version + 1, phases: { 6: later }, updatedBy: 'operator' });
    // The same change again, from the version it was based on: stale.
    const again = await api('/v1/rollout/phases/6', { method: 'PUT', token, body: { opensOn: later, expectedVersion: before.version } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'stale_version', details: { expectedVersion: before.version, currentVersion: before.version + 1 } });
    expect(await rolloutAudit(`schedule version ${before.version + 1}`)).toEqual([
      expect.objectContaining({ action: 'rollout.update', actor: { id: 'operator', role: 'operator' }, fields: ['phases.6'], purpose: `phase 6 opens on ${later} (was ${six.opensOn}); schedule version ${before.version + 1}` }),
    ]);

    const invalid = await api('/v1/rollout/phases/7', { method: 'PUT', token, body: { opensOn: '2027-02-30', expectedVersion: before.version + 1 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('validation_failed');
  });

  it('moves a service to another phase as a new card version, audited; an open phase takes only a routable service', async () => {
    const token = await operatorToken();
    const refused = await api(`/v1/rollout/services/${unrouted}`, { method: 'PUT', token, body: { phase: 1, expectedVersion: 1 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'phase_not_ready', details: { phase: 1, missingRoutes: [{ serviceId: unrouted, agencyIds: [unroutedAgency] }] } });

    const moved = await api(`/v1/rollout/services/${routed}`, { method: 'PUT', token, body: { phase: 5, expectedVersion: 1 } });
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({ serviceId: routed, from: 6, to: 5, version: 2 });
    expect((await api(`/v1/services/${routed}`)).body).toMatchObject({ rolloutPhase: 5, version: 2 });
    const stale = await api(`/v1/rollout/services/${routed}`, { method: 'PUT', token, body: { phase: 4, expectedVersion: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'stale_version', details: { expectedVersion: 1, currentVersion: 2 } });
    expect(await rolloutAudit(`${routed} moved`)).toEqual([
      expect.objectContaining({ action: 'rollout.update', fields: [`services.${routed}.rolloutPhase`], purpose: `${routed} moved from phase 6 to 5; card version 2` }),
    ]);
    const rollout = (await api('/v1/rollout', { token })).body;
    expect(rollout.phases[4].services.map((service: any) => service.serviceId)).toContain(routed);
  });
});
