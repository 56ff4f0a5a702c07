// The capacity plan of the rollout, computed from the catalogue: each card's annual transactions become a peak
// rate of submissions, and that peak the API requests, Lambda concurrency, workflow starts and state transitions,
// DynamoDB units and agency-queue messages it causes, set against the account quotas. A phase's plan is the load
// once it is open: its own services and those of every earlier phase (open phases stay open). Plain arithmetic.

export interface CapacityAssumptions {
  /** Working days a year (Sunday to Thursday, less public holidays). */
  readonly workingDaysPerYear: number;
  /** Hours a working day in which citizens submit (the government's working hours, where demand concentrates). */
  readonly workingHoursPerDay: number;
  /** Busiest minute over the mean of the working hours. */
  readonly peakToMean: number;
  /** API requests a citizen makes around one submission (look-ups, the submission, status reads). */
  readonly apiRequestsPerSubmission: number;
  /** Mean duration of an API function invocation, seconds. */
  readonly apiFunctionSeconds: number;
  /** Mean duration of a worker invocation (agency queue consumer, outbox publisher, notifications), seconds. */
  readonly workerSeconds: number;
  /** Worker invocations per submission besides one per workflow step (outbox publish, notification, delivery). */
  readonly workerInvocationsPerSubmission: number;
  /** DynamoDB write units per submission, and per workflow step (task opened, decided, timeline, events). */
  readonly writeUnitsPerSubmission: number;
  readonly writeUnitsPerStep: number;
  /** DynamoDB read units per API request. */
  readonly readUnitsPerRequest: number;
}

/** Account quotas a phase uses (defaults: AWS's default quotas in a region outside the largest three). */
export interface Quotas {
  /** API Gateway requests per second per account and region. */
  readonly apiRequestsPerSecond: number;
  /** Lambda concurrent executions per account and region. */
  readonly lambdaConcurrency: number;
  /** Step Functions Standard StartExecution refill rate, per second. */
  readonly startExecutionsPerSecond: number;
  /** Step Functions Standard state-transition refill rate, per second. */
  readonly stateTransitionsPerSecond: number;
  /** SQS messages in flight per standard queue (sent to an agency's queue and not yet consumed or deleted). */
  readonly sqsInFlightPerQueue: number;
}

export const defaultAssumptions: CapacityAssumptions = {
  workingDaysPerYear: 245,
  workingHoursPerDay: 7,
  peakToMean: 5,
  apiRequestsPerSubmission: 12,
  apiFunctionSeconds: 0.25,
  workerSeconds: 0.3,
  workerInvocationsPerSubmission: 3,
  // As measured by `npm run bench` (bench/budgets.json): a completed four-step application writes 235 units in all
  // (capacity.perApplication, every worker's writes included: notifications, KPI counts, audit). A step is its
  // decision (16) and the opening of its task (6); the submission and everything else once per application, 147.
  writeUnitsPerSubmission: 147,
  writeUnitsPerStep: 22,
  readUnitsPerRequest: 2,
};

export const defaultQuotas: Quotas = {
  apiRequestsPerSecond: 10_000,
  lambdaConcurrency: 1_000,
  startExecutionsPerSecond: 150,
  stateTransitionsPerSecond: 800,
  sqsInFlightPerQueue: 120_000,
};

export type QuotaId = keyof Quotas;

/** What the plan needs of a card. */
export interface CardLoad {
  readonly serviceId: string;
  readonly rolloutPhase: number;
  readonly annualTransactions: number;
  /** The agency of each step, stage by stage. */
  readonly workflow: readonly { readonly steps: readonly { readonly agencyId: string }[] }[];
}

export interface PeakLoad {
  readonly submissionsPerSecond: number;
  readonly apiRequestsPerSecond: number;
  readonly lambdaConcurrency: number;
  readonly startExecutionsPerSecond: number;
  readonly stateTransitionsPerSecond: number;
  readonly writeUnitsPerSecond: number;
  readonly readUnitsPerSecond: number;
  /** Task messages per second per agency queue. */
  readonly agencyMessagesPerSecond: Record<string, number>;
}

export interface QuotaUse {
  readonly quota: QuotaId;
  readonly limit: number;
  readonly use: number;
  readonly percent: number;
}

export interface PhaseCapacity extends PeakLoad {
  readonly phase: number;
  /** Services counted: this phase's and every earlier phase's. */
  readonly services: number;
  readonly quotas: QuotaUse[];
  /** The quota this phase uses most of, when that is more than all of it. */
  readonly exceeds: QuotaId | null;
}

export interface CapacityPlan {
  readonly assumptions: CapacityAssumptions;
  readonly quotas: Quotas;
  readonly phases: readonly PhaseCapacity[];
  /** The first phase whose peak exceeds a quota, and which. */
  readonly firstExceeded: { readonly phase: number; readonly quota: QuotaId } | null;
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The peak of one card: a Standard workflow costs 1 + stages + steps transitions (lib/constructs/application-workflow.ts). */
export function cardPeak(card: CardLoad, assumptions: CapacityAssumptions): PeakLoad {
  const a = assumptions;
  const submissionsPerSecond = (card.annualTransactions / (a.workingDaysPerYear * a.workingHoursPerDay * 3600)) * a.peakToMean;
  const steps = card.workflow.flatMap((stage) => stage.steps);
  const apiRequestsPerSecond = submissionsPerSecond * a.apiRequestsPerSubmission;
  const workerInvocations = submissionsPerSecond * (steps.length + a.workerInvocationsPerSubmission);
  const agencyMessagesPerSecond: Record<string, number> = {};
  for (const step of steps) {
    agencyMessagesPerSecond[step.agencyId] = (agencyMessagesPerSecond[step.agencyId] ?? 0) + submissionsPerSecond;
  }
  return {
    submissionsPerSecond,
    apiRequestsPerSecond,
    // Little's law: concurrency = arrival rate × time in the system.
    lambdaConcurrency: apiRequestsPerSecond * a.apiFunctionSeconds + workerInvocations * a.workerSeconds,
    startExecutionsPerSecond: submissionsPerSecond,
    stateTransitionsPerSecond: submissionsPerSecond * (1 + card.workflow.length + steps.length),
    writeUnitsPerSecond: submissionsPerSecond * (a.writeUnitsPerSubmission + steps.length * a.writeUnitsPerStep),
    readUnitsPerSecond: apiRequestsPerSecond * a.readUnitsPerRequest,
    agencyMessagesPerSecond,
  };
}

function sum(loads: readonly PeakLoad[]): PeakLoad {
  const total = (key: Exclude<keyof PeakLoad, 'agencyMessagesPerSecond'>) => loads.reduce((acc, load) => acc + load[key], 0);
  const agencyMessagesPerSecond: Record<string, number> = {};
  for (const load of loads) {
    for (const [agencyId, rate] of Object.entries(load.agencyMessagesPerSecond)) {
      agencyMessagesPerSecond[agencyId] = (agencyMessagesPerSecond[agencyId] ?? 0) + rate;
    }
  }
  return {
    submissionsPerSecond: total('submissionsPerSecond'),
    apiRequestsPerSecond: total('apiRequestsPerSecond'),
    lambdaConcurrency: total('lambdaConcurrency'),
    startExecutionsPerSecond: total('startExecutionsPerSecond'),
    stateTransitionsPerSecond: total('stateTransitionsPerSecond'),
    writeUnitsPerSecond: total('writeUnitsPerSecond'),
    readUnitsPerSecond: total('readUnitsPerSecond'),
    agencyMessagesPerSecond,
  };
}

function rounded(load: PeakLoad): PeakLoad {
  return {
    submissionsPerSecond: round(load.submissionsPerSecond),
    apiRequestsPerSecond: round(load.apiRequestsPerSecond),
    lambdaConcurrency: Math.ceil(load.lambdaConcurrency),
    startExecutionsPerSecond: round(load.startExecutionsPerSecond),
    stateTransitionsPerSecond: round(load.stateTransitionsPerSecond),
    writeUnitsPerSecond: Math.ceil(load.writeUnitsPerSecond),
    readUnitsPerSecond: Math.ceil(load.readUnitsPerSecond),
    agencyMessagesPerSecond: Object.fromEntries(Object.entries(load.agencyMessagesPerSecond).sort(([a], [b]) => a.localeCompare(b)).map(([id, rate]) => [id, round(rate)])),
  };
}

/**
 * SQS in flight: a task message is deleted as soon as the consumer opened its task, so at most a visibility
 * timeout's worth of messages (`queueVisibilitySeconds`) is in flight on the busiest agency queue.
 */
export function capacityPlan(
  cards: readonly CardLoad[],
  phases: readonly number[],
  options: { assumptions?: Partial<CapacityAssumptions>; quotas?: Partial<Quotas>; queueVisibilitySeconds?: number } = {},
): CapacityPlan {
  const assumptions = { ...defaultAssumptions, ...options.assumptions };
  const quotas = { ...defaultQuotas, ...options.quotas };
  const visibility = options.queueVisibilitySeconds ?? 60;
  const peaks = cards.map((card) => ({ card, peak: cardPeak(card, assumptions) }));
  const planned = [...phases].sort((a, b) => a - b).map((phase): PhaseCapacity => {
    const open = peaks.filter(({ card }) => card.rolloutPhase <= phase);
    const load = sum(open.map(({ peak }) => peak));
    const busiestQueue = Math.max(0, ...Object.values(load.agencyMessagesPerSecond));
    const uses: Record<QuotaId, number> = {
      apiRequestsPerSecond: load.apiRequestsPerSecond,
      lambdaConcurrency: load.lambdaConcurrency,
      startExecutionsPerSecond: load.startExecutionsPerSecond,
      stateTransitionsPerSecond: load.stateTransitionsPerSecond,
      sqsInFlightPerQueue: busiestQueue * visibility,
    };
    const quotaUses = (Object.keys(quotas) as QuotaId[])
      .map((quota) => ({ quota, limit: quotas[quota], use: round(uses[quota]), percent: round((uses[quota] / quotas[quota]) * 100, 1) }))
      .sort((a, b) => b.percent - a.percent || a.quota.localeCompare(b.quota));
    const top = quotaUses[0];
    return { phase, services: open.length, ...rounded(load), quotas: quotaUses, exceeds: top && top.percent > 100 ? top.quota : null };
  });
  const first = planned.find((phase) => phase.exceeds);
  return { assumptions, quotas, phases: planned, firstExceeded: first ? { phase: first.phase, quota: first.exceeds! } : null };
}

/** What the deployment takes from a plan: a route throttle, reserved concurrency and queue-consumer concurrency with headroom. */
export function deploymentLimits(phase: PhaseCapacity, assumptions: CapacityAssumptions = defaultAssumptions, headroom = 2): { submitRateLimit: number; submitBurstLimit: number; submitReservedConcurrency: number; agencyQueueMaximumConcurrency: number } {
  const submitRateLimit = Math.max(10, Math.ceil(phase.submissionsPerSecond * headroom));
  const busiest = Math.max(0, ...Object.values(phase.agencyMessagesPerSecond));
  return {
    submitRateLimit,
    submitBurstLimit: submitRateLimit * 2,
    // Submissions alone, at the route's throttle, for as long as a submission takes.
    submitReservedConcurrency: Math.max(5, Math.ceil(submitRateLimit * assumptions.apiFunctionSeconds * headroom)),
    // SQS event sources accept 2 to 1000.
    agencyQueueMaximumConcurrency: Math.min(1000, Math.max(2, Math.ceil(busiest * assumptions.workerSeconds * headroom))),
  };
}
