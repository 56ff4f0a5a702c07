// Workers and queues of notifications, feedback and complaints: event consumers, delivery queues, schedules.
import type { PlatformQueue, Worker } from './workers';

export const engagementQueues: readonly PlatformQueue[] = [];

export const engagementWorkers: readonly Worker[] = [];
