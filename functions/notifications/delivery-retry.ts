// The delivery retries' backoff: SQS visibility timeouts in AWS (built on first use), or the local queue's
// (installed by the local cloud, see channels.ts).
import { adapterSlot } from '../shared/adapter-slot';
import type { RetryScheduler } from './domain/ports';

export const deliveryRetry = adapterSlot<RetryScheduler>(async () => (await import('./sqs-retry')).sqsRetryFromEnvironment());
