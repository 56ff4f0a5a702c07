// The one place today's counts come from: CloudWatch in AWS, the local cloud's metrics file when installed.
import { adapterSlot } from '../shared/adapter-slot';
import type { TodaysMetrics } from './domain/metrics';

const slot = adapterSlot<TodaysMetrics>(async () => (await import('./cloudwatch-metrics')).cloudWatchMetrics());

export const installTodaysMetrics = slot.install;
export const todaysMetrics: TodaysMetrics = { today: async (date) => (await slot.get()).today(date) };
