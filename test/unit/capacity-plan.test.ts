// The capacity arithmetic on a small catalogue, by hand: 245 working days of 7 hours are 6,174,000 seconds, so
// 6,174,000 transactions a year are 1 a second on average and 5 at a peak-to-mean factor of 5.
import { capacityPlan, cardPeak, type CardLoad, defaultAssumptions, deploymentLimits } from '../../lib/platform/capacity';

const vehicle: CardLoad = {
  serviceId: 'vehicle',
  rolloutPhase: 1,
  annualTransactions: 6_174_000,
  workflow: [{ steps: [{ agencyId: 'dvld' }] }, { steps: [{ agencyId: 'dvld' }, { agencyId: 'moi' }] }],
};
const birth: CardLoad = { serviceId: 'birth', rolloutPhase: 2, annualTransactions: 1_234_800, workflow: [{ steps: [{ agencyId: 'cspd' }] }] };
const later: CardLoad = { serviceId: 'later', rolloutPhase: 3, annualTransactions: 0, workflow: [{ steps: [{ agencyId: 'dls' }] }] };

test('states its assumptions: 245 working days of 7 hours, peak five times the mean', () => {
  expect(defaultAssumptions).toMatchObject({ workingDaysPerYear: 245, workingHoursPerDay: 7, peakToMean: 5 });
});

test("one card's peak: submissions, API requests, concurrency, workflow starts and transitions, DynamoDB units, agency messages", () => {
  const peak = cardPeak(vehicle, defaultAssumptions);
  expect(peak.submissionsPerSecond).toBeCloseTo(5, 9);
  expect(peak.apiRequestsPerSecond).toBeCloseTo(60, 9); // 12 requests per submission
  // 60 requests/s × 0.25 s + 5 × (3 steps + 3 other worker invocations) × 0.3 s
  expect(peak.lambdaConcurrency).toBeCloseTo(15 + 9, 9);
  expect(peak.startExecutionsPerSecond).toBeCloseTo(5, 9);
  expect(peak.stateTransitionsPerSecond).toBeCloseTo(5 * (1 + 2 + 3), 9);
  expect(peak.writeUnitsPerSecond).toBeCloseTo(5 * (147 + 3 * 22), 9); // the bench's measured units: once per application, per step
  expect(peak.readUnitsPerSecond).toBeCloseTo(120, 9);
  expect(peak.agencyMessagesPerSecond).toEqual({ dvld: expect.closeTo(10, 9), moi: expect.closeTo(5, 9) });
});

test('a phase carries every earlier phase, and the first quota exceeded is named', () => {
  const plan = capacityPlan([vehicle, birth, later], [1, 2, 3], { quotas: { startExecutionsPerSecond: 5.5 } });
  const [one, two, three] = plan.phases;
  expect(one).toMatchObject({ phase: 1, services: 1, submissionsPerSecond: 5, apiRequestsPerSecond: 60, lambdaConcurrency: 24, stateTransitionsPerSecond: 30, writeUnitsPerSecond: 1065, exceeds: null });
  expect(one!.quotas[0]).toEqual({ quota: 'startExecutionsPerSecond', limit: 5.5, use: 5, percent: 90.9 });
  // Phase 2 adds 1 submission/s: 12 requests, 1 + 1 + 1 transitions, 147 + 22 write units, 3 + 1.2 concurrency.
  expect(two).toMatchObject({
    phase: 2,
    services: 2,
    submissionsPerSecond: 6,
    apiRequestsPerSecond: 72,
    lambdaConcurrency: 29,
    startExecutionsPerSecond: 6,
    stateTransitionsPerSecond: 33,
    writeUnitsPerSecond: 1234,
    readUnitsPerSecond: 144,
    agencyMessagesPerSecond: { cspd: 1, dvld: 10, moi: 5 },
    exceeds: 'startExecutionsPerSecond',
  });
  expect(two!.quotas.map((use) => [use.quota, use.percent])).toEqual([
    ['startExecutionsPerSecond', 109.1],
    ['stateTransitionsPerSecond', 4.1],
    ['lambdaConcurrency', 2.8], // 28.2 of 1,000 (the plan shows it rounded up: 29)
    ['apiRequestsPerSecond', 0.7],
    ['sqsInFlightPerQueue', 0.5], // 10 messages/s on dvld's queue × 60 s visibility
  ]);
  expect(three).toMatchObject({ services: 3, submissionsPerSecond: 6 });
  expect(plan.firstExceeded).toEqual({ phase: 2, quota: 'startExecutionsPerSecond' });
  expect(capacityPlan([vehicle, birth], [1, 2]).firstExceeded).toBeNull();
});

test('the deployment limits follow the plan with twice the headroom', () => {
  const [, two] = capacityPlan([vehicle, birth], [1, 2]).phases;
  expect(deploymentLimits(two!)).toEqual({
    submitRateLimit: 12, // 6 submissions/s × 2
    submitBurstLimit: 24,
    submitReservedConcurrency: 6, // 12/s × 0.25 s × 2
    agencyQueueMaximumConcurrency: 6, // dvld: 10 messages/s × 0.3 s × 2
  });
});

test("the plan's write units are the bench's: a completed four-step application's budget, a step's decision and task", async () => {
  const budgets = (await import('../../bench/budgets.json')).default;
  expect(defaultAssumptions.writeUnitsPerSubmission + 4 * defaultAssumptions.writeUnitsPerStep).toBe(budgets.capacity.perApplication.write);
  expect(defaultAssumptions.writeUnitsPerStep).toBeGreaterThanOrEqual(budgets.capacity.perOperation['POST /v1/tasks/{taskId}/decision'].write);
});
