// One typed configuration per deployment stage; chosen with `--context stage=<name>`.

export interface StageConfig {
  readonly stage: string;
  /** AWS account; undefined lets the CLI's credentials decide (env-agnostic account, fixed regions). */
  readonly account?: string;
  readonly primaryRegion: string;
  readonly drRegion: string;
  /** Default HTTP API throttling for every route. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetentionDays: 7 | 30 | 90 | 365 | 731 | 1827;
  /** Keep data when a stack is deleted (deletion protection, RETAIN). */
  readonly protectData: boolean;
  readonly catalogueCacheSeconds: number;
  /** Citizens' email and SMS: an SES-verified sender domain and address, and the SMS sender id. */
  readonly messaging: { readonly emailDomain: string; readonly fromEmail: string; readonly smsSenderId: string };
}

export const stages: Readonly<Record<string, StageConfig>> = {
  dev: {
    stage: 'dev',
    primaryRegion: 'eu-central-1',
    drRegion: 'eu-west-1',
    throttle: { rateLimit: 100, burstLimit: 200 },
    logRetentionDays: 30,
    protectData: true,
    catalogueCacheSeconds: 30,
    messaging: { emailDomain: 'dev.khidma.example', fromEmail: 'no-reply@dev.khidma.example', smsSenderId: 'KHIDMA' },
  },
  prod: {
    stage: 'prod',
    primaryRegion: 'me-central-1',
    drRegion: 'eu-central-1',
    throttle: { rateLimit: 2000, burstLimit: 4000 },
    logRetentionDays: 365,
    protectData: true,
    catalogueCacheSeconds: 60,
    messaging: { emailDomain: 'khidma.example', fromEmail: 'no-reply@khidma.example', smsSenderId: 'KHIDMA' },
  },
};

export function stageConfig(name: string | undefined): StageConfig {
  const key = name ?? 'dev';
  const config = stages[key];
  if (!config) {
    throw new Error(`Unknown stage "${key}". Known stages: ${Object.keys(stages).join(', ')}`);
  }
  return config;
}
