// The benchmark's arithmetic on figures made by hand: cost lines from counts and list prices, the capacity
// averages, medians and tolerance, and the verdicts a broken budget gets (the smoke test only sees real runs).
import realPrices from '../../bench/prices.json';
import { judge, median, percentile } from '../../bench/rows';
import { capacitySection, type HttpCall } from '../../bench/sections/capacity';
import { costSection, type Prices } from '../../bench/sections/cost';
import type { JourneyFigures } from '../../bench/sections/journey';
import type { Deployment } from '../../bench/deployment';

/** Round prices, so that each line below can be checked by hand. */
const prices: Prices = {
  ...realPrices,
  lambda: { requestsPerMillion: 2, arm64GbSecond: 0.5 },
  httpApi: { requestsPerMillion: 3 },
  dynamodb: { readRequestUnitsPerMillion: 0.25, writeRequestUnitsPerMillion: 0.5, replicatedWriteRequestUnitsPerMillion: 0.5 },
  sqs: { requestsPerMillion: 4 },
  stepFunctions: { standardTransitionsPerThousand: 0.025 },
  eventBridge: { customEventsPerMillion: 1 },
  cloudWatchLogs: { ingestedPerGb: 0.5 },
  assumptions: { ...realPrices.assumptions, sqsRequestsPerMessage: 3, lambdaPlatformLogBytesPerInvocation: 600, apiAccessLogBytesPerRequest: 400 },
};

const deployment = {
  stage: 'prod',
  primaryRegion: 'me-central-1',
  userPoolTier: 'PLUS',
  tableReplicas: 1,
  regionalTables: ['khidma-prod-metrics'],
  functions: [
    { id: 'submit-application', memoryMb: 1024 },
    { id: 'agency-task-consumer', memoryMb: 512 },
  ],
} as unknown as Deployment;

function journey(usage: { read: number; write: number } = { read: 8, write: 16 }): JourneyFigures {
  return {
    applicationId: '01JBENCHAPPLICATION0000000',
    service: { id: 'vehicle-registration-renewal', agencies: 2, stages: 3, steps: 4 },
    apiRequests: { 'POST /v1/applications': 2, 'GET /v1/applications/{applicationId}': 3 },
    invocations: [
      { fn: 'submit-application', kind: 'http', count: 2, billedMs: 1000 },
      { fn: 'agency-task-consumer', kind: 'worker', count: 3, billedMs: 2000 },
    ],
    usage: { readCapacity: usage.read, writeCapacity: usage.write, dbCalls: 9, failedConditionalWrites: 1 },
    // A quarter of the writes go to the regional metrics table: billed once, not replicated.
    byIndex: { 'khidma-local-applications': { read: usage.read, write: (usage.write * 3) / 4 }, 'khidma-local-metrics': { read: 0, write: usage.write / 4 } },
    transitions: { total: 4, byState: { Stages: 1, Steps: 1, 'Agency step': 2 } },
    queueMessages: { 'tasks-dvld': 1, 'tasks-gam': 1 },
    busEvents: 5,
    logBytes: 1000,
    httpCalls: [],
  };
}

describe('cost per application', () => {
  const costs = (budget = { maxTransitionsPerApplication: 4, maxUsdPerApplication: 1.0002 }) => costSection(journey(), deployment, prices, budget, { emails: 2, sms: 1 });

  it('prices each count at its list price', () => {
    const lines = costs().data.lines;
    const expected: Array<[string, number, number]> = [
      ['Lambda requests', 5, 10e-6],
      // 1 s at 1 GB and 2 s at 0.5 GB.
      ['Lambda duration (arm64)', 2, 1],
      ['HTTP API', 5, 15e-6],
      ['DynamoDB reads', 8, 2e-6],
      ['DynamoDB writes', 16, 8e-6],
      ['DynamoDB replicated writes (1 replica; 4 units to regional tables not replicated)', 12, 6e-6],
      ['SQS', 6, 24e-6],
      ['Step Functions Standard', 4, 1e-4],
      ['EventBridge', 5, 5e-6],
      // The handlers' 1,000 bytes, 600 per invocation and 400 per request: 6,000 bytes.
      ['CloudWatch Logs', 6000, (6000 / 1024 ** 3) * 0.5],
    ];
    expect(lines.map((line) => [line.item, line.quantity])).toEqual(expected.map(([item, quantity]) => [item, quantity]));
    lines.forEach((line, index) => expect({ item: line.item, usd: line.usd }).toEqual({ item: line.item, usd: expect.closeTo(expected[index]![2], 15) }));
  });

  it('adds the lines up, per application and per million a month', () => {
    const { data } = costs();
    const total = 1e-5 + 1 + 15e-6 + 2e-6 + 8e-6 + 6e-6 + 24e-6 + 1e-4 + 5e-6 + (6000 / 1024 ** 3) * 0.5;
    expect(data.perApplication).toBeCloseTo(total, 12);
    expect(data.perMonthAtOneMillion).toBeCloseTo(total * 1e6, 4);
    expect(data.notifications).toEqual({ emails: 2, sms: 1, emailUsd: 2 * 0.0001 });
    expect(data.cognito).toEqual({ tier: 'PLUS', perMonthlyActiveUser: 0.02, freeMonthlyActiveUsers: 0 });
  });

  it('fails the transitions and cost budgets when over them, and keeps them at the budget', () => {
    const verdicts = (budget: { maxTransitionsPerApplication: number; maxUsdPerApplication: number }) =>
      Object.fromEntries(costs(budget).rows.filter((row) => row.verdict !== 'info').map((row) => [row.item, row.verdict]));
    expect(verdicts({ maxTransitionsPerApplication: 4, maxUsdPerApplication: 1.0002 })).toEqual({
      'Step Functions transitions per application': 'ok',
      'infrastructure per completed application': 'ok',
    });
    expect(verdicts({ maxTransitionsPerApplication: 3, maxUsdPerApplication: 1.0001 })).toEqual({
      'Step Functions transitions per application': 'FAIL',
      'infrastructure per completed application': 'FAIL',
    });
  });

  it('judges a smoke run’s cost without Lambda duration, a timing, and every other line still counts', () => {
    const verdict = (maxUsdPerApplication: number) =>
      costSection(journey(), deployment, prices, { maxTransitionsPerApplication: 4, maxUsdPerApplication }, { emails: 0, sms: 0 }, false).rows.find(
        (row) => row.item === 'infrastructure per completed application',
      )?.verdict;
    // Everything but the $1 of duration: 0.0001727... of the lines above.
    expect([verdict(0.000173), verdict(0.000172)]).toEqual(['ok', 'FAIL']);
  });
});

describe('capacity units', () => {
  const budget = {
    tolerance: 0.1,
    perOperation: { 'POST /v1/applications': { read: 2, write: 10 } },
    perApplication: { read: 20, write: 100 },
  };
  const call = (label: string, read: number, write: number): HttpCall => ({ label, readCapacity: read, writeCapacity: write, dbCalls: 2 });

  it('averages each operation over its calls and takes the median application', () => {
    const { data } = capacitySection([journey({ read: 10, write: 90 }), journey({ read: 30, write: 120 }), journey({ read: 20, write: 100 })], [call('POST /v1/applications', 1, 10), call('POST /v1/applications', 2, 11)], budget);
    expect(data.perOperation).toEqual([{ operation: 'POST /v1/applications', calls: 2, read: 1.5, write: 10.5, dbCalls: 2 }]);
    expect(data.perApplication).toMatchObject({ read: 20, write: 100, failedConditionalWrites: 1 });
  });

  it('allows the tolerance over a budget and fails beyond it, or where an operation has no budget', () => {
    const verdicts = (write: number, label = 'POST /v1/applications') =>
      capacitySection([journey({ read: 22, write: 110 })], [call(label, 2.2, write)], budget).rows.map((row) => [row.item, row.verdict]);
    expect(verdicts(11)).toEqual([
      ['POST /v1/applications', 'ok'],
      ['completed two-agency application (vehicle-registration-renewal)', 'ok'],
    ]);
    expect(verdicts(11.01)[0]).toEqual(['POST /v1/applications', 'FAIL']);
    expect(verdicts(1, 'GET /v1/unbudgeted')[0]).toEqual(['GET /v1/unbudgeted', 'FAIL']);
    expect(capacitySection([journey({ read: 22, write: 110.1 })], [], budget).rows).toEqual([expect.objectContaining({ verdict: 'FAIL' })]);
  });

  it('holds an operation to its DynamoDB calls per HTTP call, averaged, with no tolerance', () => {
    const calls = (...counts: number[]) => counts.map((dbCalls): HttpCall => ({ label: 'POST /v1/applications', readCapacity: 1, writeCapacity: 10, dbCalls }));
    const verdict = (...counts: number[]) =>
      capacitySection([journey({ read: 20, write: 100 })], calls(...counts), { ...budget, maxDbCallsPerOperation: { 'POST /v1/applications': 4 } }).rows[0]!.verdict;
    expect([verdict(4, 3, 3), verdict(5, 3), verdict(5, 4)]).toEqual(['ok', 'ok', 'FAIL']);
  });
});

describe('verdicts and statistics', () => {
  it('judges, or leaves a timing unjudged in a smoke run', () => {
    expect([judge(true), judge(false), judge(false, false)]).toEqual(['ok', 'FAIL', 'not judged']);
  });

  it('takes medians and nearest-rank percentiles', () => {
    expect([median([3, 1, 2]), median([4, 1, 3, 2]), median([])]).toEqual([2, 2.5, Number.NaN]);
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect([percentile(samples, 50), percentile(samples, 99), percentile(samples, 100), percentile([7], 99)]).toEqual([50, 99, 100, 7]);
  });
});
