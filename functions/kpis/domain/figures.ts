// The KPI figures of one cell (or a sum of cells), computed from its counters: pure arithmetic, stated in the README.
import { channels } from '../../../schemas/services';
import type { KpiFigures } from '../../../schemas/kpis';
import { selfServiceChannels, type Counters } from './counting';

/** Sums cells' counters (months into a total, or one dimension's values). */
export function sumCounters(cells: readonly Counters[]): Counters {
  const total: Record<string, number> = {};
  for (const cell of cells) {
    for (const [name, value] of Object.entries(cell)) {
      total[name] = (total[name] ?? 0) + value;
    }
  }
  return total;
}

/** Nearest-rank percentile of a histogram {bucket minutes → count}: the smallest bucket with at least ⌈p·n⌉ values at or below it. */
export function percentile(counters: Counters, prefix: 'ct_' | 'st_', p: number): number | null {
  const buckets = Object.entries(counters)
    .filter(([name, count]) => name.startsWith(prefix) && count > 0)
    .map(([name, count]) => [Number(name.slice(prefix.length)), count] as const)
    .sort((a, b) => a[0] - b[0]);
  const n = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (n === 0) {
    return null;
  }
  const rank = Math.ceil(p * n);
  let seen = 0;
  for (const [minutes, count] of buckets) {
    seen += count;
    if (seen >= rank) {
      return minutes;
    }
  }
  return buckets[buckets.length - 1]![0];
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const jod = (fils: number) => Math.round(fils) / 1000;

export function figuresOf(counters: Counters): KpiFigures {
  const count = (name: string) => counters[name] ?? 0;
  const byChannel = Object.fromEntries(channels.map((channel) => [channel, count(`via_${channel}`)])) as KpiFigures['uptake']['byChannel'];
  const selfService = selfServiceChannels.reduce((sum, channel) => sum + count(`via_${channel}`), 0);
  const submitted = count('submitted');
  return {
    applications: { submitted, approved: count('approved'), rejected: count('rejected'), cancelled: count('cancelled') },
    completion: {
      measured: count('approved'),
      medianMinutes: percentile(counters, 'ct_', 0.5),
      p90Minutes: percentile(counters, 'ct_', 0.9),
      withinSlaShare: share(count('withinSla'), count('approved')),
    },
    steps: {
      decided: count('stepsDecided'),
      medianMinutes: percentile(counters, 'st_', 0.5),
      p90Minutes: percentile(counters, 'st_', 0.9),
      withinSlaShare: share(count('stepsWithinSla'), count('stepsDecided')),
    },
    uptake: { selfService, assisted: submitted - selfService, selfServiceShare: share(selfService, submitted), byChannel },
    complaints: {
      filed: count('complaints'),
      per1000Applications: submitted > 0 ? Math.round((count('complaints') / submitted) * 1000 * 100) / 100 : null,
      resolved: count('complaintsResolved'),
      meanResolutionHours: count('complaintsResolved') > 0 ? Math.round((count('complaintResolutionMinutes') / count('complaintsResolved') / 60) * 100) / 100 : null,
    },
    savings: {
      visitsAvoided: count('visitsAvoided'),
      citizenHoursSaved: Math.round((count('citizenMinutesSaved') / 60) * 100) / 100,
      governmentCostSavedJod: jod(count('governmentFilsSaved')),
      citizenCostSavedJod: jod(count('citizenFilsSaved')),
      paperPagesAvoided: count('paperPagesAvoided'),
    },
  };
}

/** Fewer applications than this in a cell and its figures are not published (open data, public KPIs). */
export const SMALL_CELL = 10;

const small = (count: number) => count < SMALL_CELL;
const unless = <T extends Record<string, unknown>>(suppressed: boolean, group: T): T =>
  suppressed ? (Object.fromEntries(Object.keys(group).map((key) => [key, null])) as T) : group;

/**
 * The figures the public may see: each count of fewer than 10 applications is null, and so is every figure
 * measured on fewer than 10 (completion times on approved applications, step times on decided steps, shares and
 * savings on their base count).
 */
export function publicFigures(counters: Counters): KpiFigures {
  const figures = figuresOf(counters);
  const count = (name: string) => counters[name] ?? 0;
  const hide = (value: number | null) => (value === null || small(value) ? null : value);
  const submittedSmall = small(count('submitted'));
  return {
    applications: {
      submitted: hide(figures.applications.submitted),
      approved: hide(figures.applications.approved),
      rejected: hide(figures.applications.rejected),
      cancelled: hide(figures.applications.cancelled),
    },
    completion: unless(small(count('approved')), figures.completion),
    steps: unless(small(count('stepsDecided')), figures.steps),
    uptake: {
      selfService: submittedSmall ? null : hide(figures.uptake.selfService),
      assisted: submittedSmall ? null : hide(figures.uptake.assisted),
      selfServiceShare: submittedSmall ? null : figures.uptake.selfServiceShare,
      byChannel: Object.fromEntries(Object.entries(figures.uptake.byChannel).map(([channel, value]) => [channel, submittedSmall ? null : hide(value)])) as KpiFigures['uptake']['byChannel'],
    },
    complaints: {
      filed: hide(figures.complaints.filed),
      per1000Applications: small(count('complaints')) || submittedSmall ? null : figures.complaints.per1000Applications,
      resolved: hide(figures.complaints.resolved),
      meanResolutionHours: small(count('complaintsResolved')) ? null : figures.complaints.meanResolutionHours,
    },
    savings: unless(small(count('approved')), figures.savings),
  };
}
