// One typed configuration per deployment stage; chosen with `--context stage=<name>`.
import type { CapacityAssumptions, Quotas } from '../platform/capacity';

export interface StageConfig {
  readonly stage: string;
  /** AWS account; undefined lets the CLI's credentials decide (env-agnostic account, fixed regions). */
  readonly account?: string;
  readonly primaryRegion: string;
  readonly drRegion: string;
  /** Default HTTP API throttling for every route. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetentionDays: 7 | 30 | 90 | 365 | 731 | 1827;
  /**
   * How long each audit checkpoint is locked (S3 Object Lock, compliance mode: nobody, the account's root included,
   * can remove or replace it before then). README, Security.
   */
  readonly auditCheckpointRetentionDays: number;
  /** Keep data when a stack is deleted (deletion protection, RETAIN). */
  readonly protectData: boolean;
  readonly catalogueCacheSeconds: number;
  /** Citizens' email and SMS: an SES-verified sender domain and address, and the SMS sender id. */
  readonly messaging: { readonly emailDomain: string; readonly fromEmail: string; readonly smsSenderId: string };
  /** Demo registry records loaded by the deployment; never in staging or prod. */
  readonly demoData: boolean;
  /**
   * Origins whose browser scripts may call the API (CORS). The reference portal is served on the API's own domain
   * and needs none; these are the other front-ends (agency sites, a portal under development). Never "*" in staging or prod.
   */
  readonly corsOrigins: readonly string[];
  /** Alarms: who hears of them, and the objectives they hold the stage to (lib/constructs/observability.ts). */
  readonly observability: ObservabilityConfig;
  /** Overrides of what the capacity plan gives the deployment (lib/config/capacity.ts). @default - the plan's */
  readonly capacity?: CapacityOverrides;
  /** Disaster recovery: what a region's loss may cost, and the one API name front-ends use in both regions. */
  readonly recovery: RecoveryConfig;
  /**
   * Government payments through bill presentment (eFAWATEERcom): the provider's API for this stage. The key its
   * notifications are signed with is a Secrets Manager secret the deployment creates (set it to the provider's).
   */
  readonly payments: { readonly providerUrl: string };
}

/** README, Disaster recovery. The drill (`npm run bench -- --faults`) measures both targets against these. */
export interface RecoveryConfig {
  /** Recovery point objective: acknowledged writes that may be lost with the primary region, in seconds of writes. */
  readonly rpoSeconds: number;
  /** Recovery time objective: from the primary's loss to citizens signing in and submitting in the DR region. */
  readonly rtoSeconds: number;
  /** The API's custom domain in both regions, behind Route 53 failover records. */
  readonly apiDomain: {
    /** e.g. api.khidma.example */
    readonly name: string;
    /** The public hosted zone that holds it. */
    readonly hostedZoneId: string;
    readonly hostedZoneName: string;
  };
  /**
   * The region that takes writes. `npm run failover` switches the running stage; record the switch here before the
   * next deployment, which renders the schedules, the stream consumers and the DNS failover from it.
   */
  readonly activeRegion: 'primary' | 'dr';
  /** Route 53 health check: the health route is requested this often, and the region is unhealthy after this many failures in a row. */
  readonly healthCheck: { readonly intervalSeconds: 10 | 30; readonly failureThreshold: number };
}

export interface CapacityOverrides {
  readonly assumptions?: Partial<CapacityAssumptions>;
  readonly quotas?: Partial<Quotas>;
  readonly submitThrottle?: { readonly rateLimit: number; readonly burstLimit: number };
  readonly submitReservedConcurrency?: number;
  /** false: reserve none (an account whose concurrency quota is too low to set any aside). */
  readonly reserveConcurrency?: boolean;
  readonly agencyQueueMaximumConcurrency?: number;
}

/** A route's service-level objective: at most this share of 5xx answers, and this p99 latency, over 5 minutes. */
export interface RouteSlo {
  readonly serverErrorPercent: number;
  readonly p99LatencyMs: number;
}

export interface ObservabilityConfig {
  /** Email addresses subscribed to the stage's alarm topic (one topic per region). */
  readonly alarmEmails: readonly string[];
  /** Every route's objective unless `routeSlo` names the route ("METHOD /path"). */
  readonly slo: RouteSlo;
  readonly routeSlo?: Readonly<Record<string, Partial<RouteSlo>>>;
  /** SLA breaches (tasks flagged overdue) in an hour above which the alarm fires. */
  readonly slaBreachesPerHour: number;
  /** Global-table replication latency above which the alarm fires, seconds. */
  readonly replicationLatencySeconds: number;
}

export const stages: Readonly<Record<string, StageConfig>> = {
  dev: {
    stage: 'dev',
    primaryRegion: 'eu-central-1',
    drRegion: 'eu-west-1',
    throttle: { rateLimit: 100, burstLimit: 200 },
    logRetentionDays: 30,
    auditCheckpointRetentionDays: 30,
    protectData: true,
    catalogueCacheSeconds: 30,
    messaging: { emailDomain: 'dev.khidma.example', fromEmail: 'no-reply@dev.khidma.example', smsSenderId: 'KHIDMA' },
    payments: { providerUrl: 'https://billing-sandbox.efawateercom.example/api/v1' },
    demoData: true,
    corsOrigins: ['http://localhost:3000', 'http://localhost:5173'],
    recovery: {
      activeRegion: 'primary',
      rpoSeconds: 300,
      rtoSeconds: 3600,
      apiDomain: { name: 'api.dev.khidma.example', hostedZoneId: 'Z0000000DEVKHIDMA', hostedZoneName: 'dev.khidma.example' },
      healthCheck: { intervalSeconds: 30, failureThreshold: 3 },
    },
    observability: {
      alarmEmails: ['khidma-dev-alarms@dev.khidma.example'],
      slo: { serverErrorPercent: 5, p99LatencyMs: 3000 },
      slaBreachesPerHour: 50,
      replicationLatencySeconds: 60,
    },
    // Development accounts keep Lambda's low default concurrency quota: nothing can be set aside there.
    capacity: { reserveConcurrency: false },
  },
  staging: {
    stage: 'staging',
    primaryRegion: 'me-central-1',
    drRegion: 'eu-central-1',
    throttle: { rateLimit: 500, burstLimit: 1000 },
    logRetentionDays: 90,
    auditCheckpointRetentionDays: 365,
    protectData: true,
    catalogueCacheSeconds: 60,
    messaging: { emailDomain: 'staging.khidma.example', fromEmail: 'no-reply@staging.khidma.example', smsSenderId: 'KHIDMA' },
    payments: { providerUrl: 'https://billing-sandbox.efawateercom.example/api/v1' },
    demoData: false,
    corsOrigins: ['https://services.staging.khidma.example'],
    recovery: {
      activeRegion: 'primary',
      rpoSeconds: 60,
      rtoSeconds: 1800,
      apiDomain: { name: 'api.staging.khidma.example', hostedZoneId: 'Z0000000STGKHIDMA', hostedZoneName: 'staging.khidma.example' },
      healthCheck: { intervalSeconds: 30, failureThreshold: 3 },
    },
    observability: {
      alarmEmails: ['khidma-staging-alarms@staging.khidma.example'],
      slo: { serverErrorPercent: 1, p99LatencyMs: 2000 },
      slaBreachesPerHour: 20,
      replicationLatencySeconds: 60,
    },
  },
  prod: {
    stage: 'prod',
    primaryRegion: 'me-central-1',
    drRegion: 'eu-central-1',
    throttle: { rateLimit: 2000, burstLimit: 4000 },
    logRetentionDays: 365,
    auditCheckpointRetentionDays: 3653,
    protectData: true,
    catalogueCacheSeconds: 60,
    messaging: { emailDomain: 'khidma.example', fromEmail: 'no-reply@khidma.example', smsSenderId: 'KHIDMA' },
    payments: { providerUrl: 'https://billing.efawateercom.example/api/v1' },
    demoData: false,
    corsOrigins: ['https://services.khidma.example'],
    recovery: {
      activeRegion: 'primary',
      rpoSeconds: 60,
      rtoSeconds: 900,
      apiDomain: { name: 'api.khidma.example', hostedZoneId: 'Z0000000PRDKHIDMA', hostedZoneName: 'khidma.example' },
      healthCheck: { intervalSeconds: 10, failureThreshold: 3 },
    },
    observability: {
      alarmEmails: ['khidma-oncall@khidma.example', 'egov-unit-operations@khidma.example'],
      slo: { serverErrorPercent: 0.5, p99LatencyMs: 1500 },
      // Submitting runs the most checks and one transaction of up to a dozen items.
      routeSlo: { 'POST /v1/applications': { p99LatencyMs: 2500 }, 'POST /v1/bundles': { p99LatencyMs: 3000 } },
      slaBreachesPerHour: 10,
      replicationLatencySeconds: 60,
    },
  },
};

/** The deployment pipeline: where it runs, where its source comes from, which stages it deploys in order. */
export interface PipelineConfig {
  /** The account the pipeline and (unless a stage names its own) the stages deploy to. */
  readonly account: string;
  readonly region: string;
  /** A CodeConnections (CodeStar) connection to the repository host, created once in the console. */
  readonly connectionArn: string;
  /** owner/name on the host. */
  readonly repository: string;
  readonly branch: string;
  readonly stages: readonly string[];
  /** Stages that wait for a person's approval before deploying. */
  readonly approvalBefore: readonly string[];
}

export const pipeline: PipelineConfig = {
  account: '111111111111',
  region: 'me-central-1',
  connectionArn: 'arn:aws:codeconnections:me-central-1:111111111111:connection/00000000-0000-0000-0000-000000000000',
  repository: 'egov-unit/khidma',
  branch: 'main',
  stages: ['dev', 'staging', 'prod'],
  approvalBefore: ['prod'],
};

export function stageConfig(name: string | undefined): StageConfig {
  const key = name ?? 'dev';
  const config = stages[key];
  if (!config) {
    throw new Error(`Unknown stage "${key}". Known stages: ${Object.keys(stages).join(', ')}`);
  }
  return config;
}
