// The KPI cells' layout on a real DynamoDB Local: an event adds to 3 cells (service, agency, its (phase, channel)
// mix cell), and all, a phase and a channel are read as sums of the mix cells, to the same figures as cells of
// their own; a submission's facts are its marker; a lost answer, a redelivery and a rebuild add nothing twice;
// cells written by the earlier layout (all, phase, channel of their own) are still read until a rebuild.
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent } from '../../schemas/applications';
import { countEvent, type CountingDeps, kpiReport, rebuildKpis, type ReadingDeps } from '../../functions/kpis/domain/kpis';
import { dynamoKpis } from '../../functions/kpis/dynamo-kpis';
import { unitTables } from '../support/unit-tables';

const local = unitTables('khidma-kpi-cells-');
const table = local.table('engagement');
const kpiTables = { metrics: local.table('metrics'), engagement: table };

const baseline = { visits: 2, citizenMinutes: 120, governmentCostJod: 3, citizenCostJod: 5, paperPages: 4 };
const by = { role: 'citizen' } as never;
// August 2031 in Amman (UTC+3).
const T0 = '2031-08-10T06:00:00.000Z';
const MONTH = { from: '2031-08', to: '2031-08' };
const phases: Record<string, number> = { svc1: 1, svc2: 2 };

const submitted = (applicationId: string, serviceId: string, channel: 'portal' | 'kiosk' | 'mobile'): DomainEvent => ({
  type: 'ApplicationSubmitted',
  eventId: `${applicationId}-s`,
  applicationId,
  at: T0,
  by,
  serviceId,
  serviceVersion: 1,
  channel,
  payableJod: 0,
  expectedCompletionDate: '2031-08-20',
});
const approved = (applicationId: string): DomainEvent => ({ type: 'ApplicationApproved', eventId: `${applicationId}-ok`, applicationId, at: T0, by, documentId: 'd' });

function deps(client: DynamoDBDocumentClient = local.documents): CountingDeps & ReadingDeps {
  return {
    store: dynamoKpis(client, kpiTables),
    card: async (serviceId) => ({ ownerAgencyId: serviceId === 'svc1' ? 'moh' : 'gam', rolloutPhase: phases[serviceId]!, baseline }),
    ratings: async () => ({ services: new Map(), agencies: new Map() }),
    now: () => new Date('2031-08-20T09:00:00.000Z'),
  };
}

const submittedIn = async (query: object) => (await kpiReport(deps(), { ...query, ...MONTH })).total.applications.submitted;

/** A client whose TransactWriteItems commits but whose answer is lost on the way back (as in a timeout). */
function losingAnswers(client: DynamoDBDocumentClient): DynamoDBDocumentClient {
  return new Proxy(client, {
    get(target, name, receiver) {
      if (name !== 'send') {
        return Reflect.get(target, name, receiver);
      }
      return async (command: { constructor: { name: string } }) => {
        const result = await target.send(command as never);
        if (command.constructor.name === 'TransactWriteCommand') {
          throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
        }
        return result;
      };
    },
  });
}

describe('KPI cells', () => {
  const events = [
    submitted('B1', 'svc1', 'portal'),
    submitted('B2', 'svc1', 'kiosk'),
    submitted('B3', 'svc2', 'portal'),
    submitted('B4', 'svc2', 'mobile'),
    submitted('B5', 'svc2', 'mobile'),
    approved('B1'),
    approved('B4'),
  ];

  beforeAll(async () => {
    for (const event of events) {
      await countEvent(deps(), event);
    }
  });

  it('answers all, each phase and each channel as sums of the mix cells, consistent with the service and agency cells', async () => {
    expect(await submittedIn({})).toBe(5);
    expect([await submittedIn({ phase: 1 }), await submittedIn({ phase: 2 })]).toEqual([2, 3]);
    expect([await submittedIn({ channel: 'portal' }), await submittedIn({ channel: 'kiosk' }), await submittedIn({ channel: 'mobile' })]).toEqual([2, 1, 2]);
    expect([await submittedIn({ service: 'svc1' }), await submittedIn({ agency: 'gam' })]).toEqual([2, 3]);
    const all = await kpiReport(deps(), MONTH);
    expect(all.total.applications).toEqual({ submitted: 5, approved: 2, rejected: 0, cancelled: 0 });
    expect(all.total.uptake.byChannel).toMatchObject({ portal: 2, kiosk: 1, mobile: 2 });
    expect((await kpiReport(deps(), { phase: 2, ...MONTH })).total.applications.approved).toBe(1);
    expect((await kpiReport(deps(), { channel: 'kiosk', ...MONTH })).total.applications.approved).toBe(0);
  });

  it('counts a submission delivered again once: its facts are its marker', async () => {
    expect(await countEvent(deps(), submitted('B1', 'svc1', 'portal'))).toBe(false);
    expect(await countEvent(deps(), { ...submitted('B1', 'svc1', 'portal'), eventId: 'another-id-same-application' })).toBe(false);
    expect(await submittedIn({})).toBe(5);
  });

  it('adds nothing twice when the transaction committed but its answer was lost: the retry finds its marker', async () => {
    const lossy = deps(losingAnswers(local.documents));
    await expect(countEvent(lossy, submitted('B6', 'svc1', 'kiosk'))).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(countEvent(lossy, approved('B6'))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(await countEvent(deps(), submitted('B6', 'svc1', 'kiosk'))).toBe(false);
    expect(await countEvent(deps(), approved('B6'))).toBe(false);
    expect((await kpiReport(deps(), { channel: 'kiosk', ...MONTH })).total.applications).toMatchObject({ submitted: 2, approved: 1 });
  });

  it('leaves nothing half-counted when the transaction is refused: a rebuild running refuses every cell and the marker', async () => {
    const store = dynamoKpis(local.documents, kpiTables);
    const before = await kpiReport(deps(), MONTH);
    await store.startRebuild(new Date());
    await expect(countEvent(deps(), submitted('B7', 'svc2', 'portal'))).rejects.toMatchObject({ name: 'RebuildRunning' });
    await store.endRebuild();
    expect(await kpiReport(deps(), MONTH)).toEqual(before);
    expect(await store.facts('B7')).toBeUndefined();
    expect(await countEvent(deps(), submitted('B7', 'svc2', 'portal'))).toBe(true);
    expect(await submittedIn({ phase: 2 })).toBe(4);
  });

  it('adds the cells of the earlier layout (all, phase, channel of their own) until a rebuild replaces them, to the same figures', async () => {
    // What counting before the mix cells left: one more portal submission of phase 1, in all, its phase and its channel.
    for (const cell of ['ALL#all', 'PHASE#1', 'CHANNEL#portal']) {
      await local.documents.send(new PutCommand({ TableName: kpiTables.metrics, Item: { pk: `KPI#${cell}`, sk: 'M#2031-08', submitted: 1, via_portal: 1 } }));
    }
    expect([await submittedIn({}), await submittedIn({ phase: 1 }), await submittedIn({ channel: 'portal' })]).toEqual([8, 4, 4]);
    // The rebuild replays only the history it is given (these applications' events) and clears every cell first.
    const history = [...events, submitted('B6', 'svc1', 'kiosk'), approved('B6'), submitted('B7', 'svc2', 'portal')];
    async function* replay() {
      for (const applicationId of ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7']) {
        yield history.filter((event) => event.applicationId === applicationId);
      }
    }
    expect(await rebuildKpis(deps(), replay(), new Date())).toMatchObject({ events: 10, counted: 10 });
    expect([await submittedIn({}), await submittedIn({ phase: 1 }), await submittedIn({ channel: 'portal' })]).toEqual([7, 3, 3]);
    expect((await kpiReport(deps(), MONTH)).total.applications).toEqual({ submitted: 7, approved: 3, rejected: 0, cancelled: 0 });
    // Redelivered after the rebuild: every event finds its marker (or its facts), nothing is added.
    for (const event of history) {
      expect(await countEvent(deps(), event)).toBe(false);
    }
    expect(await submittedIn({})).toBe(7);
  });

  it('lets no event slip past a rebuild: counting refused while it replays, then each event counted once, in or out of its history', async () => {
    const inHistory = submitted('C1', 'svc2', 'kiosk');
    const notInHistory = submitted('C2', 'svc2', 'kiosk');
    const refused: string[] = [];
    async function* replay() {
      yield [inHistory];
      // Midway through the replay: both arrive live, and wait.
      for (const event of [inHistory, notInHistory]) {
        await countEvent(deps(), event).catch((error: Error) => refused.push(`${event.applicationId} ${error.name}`));
      }
    }
    const before = (await kpiReport(deps(), { channel: 'kiosk', ...MONTH })).total.applications.submitted;
    await rebuildKpis(deps(), replay(), new Date());
    expect(refused).toEqual(['C1 RebuildRunning', 'C2 RebuildRunning']);
    // The history held only C1 (this rebuild's history replaces every cell): kiosk submissions are now C1's alone.
    expect(before).toBeGreaterThan(1);
    expect(await submittedIn({ channel: 'kiosk' })).toBe(1);
    // Delivered again once the rebuild ended: C1 was counted by the replay, C2 now.
    expect(await countEvent(deps(), inHistory)).toBe(false);
    expect(await countEvent(deps(), notInHistory)).toBe(true);
    expect([await submittedIn({ channel: 'kiosk' }), await submittedIn({ phase: 2 }), await submittedIn({ agency: 'gam' })]).toEqual([2, 2, 2]);
  });
});
