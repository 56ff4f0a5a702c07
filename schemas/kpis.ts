// KPIs of the e-Government Unit: applications, completion against SLA, digital uptake and savings against each
// card's traditional-channel baseline, per month and per service, agency, rollout phase or channel.
import * as z from 'zod/mini';
import { AgencyId, channels, ServiceId } from './services';

/** Built at load as written; marked free of side effects so esbuild drops a schema a function's bundle never uses (bench/PERFORMANCE.md, cold load). */
/* @__NO_SIDE_EFFECTS__ */ function schema<T>(build: () => T): T {
  return build();
}

export const Month = schema(() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, e.g. 2026-04')));

/** A figure; null when there is nothing to measure, or (public figures) when it would count fewer than 10 applications. */
const figure = schema(() => z.nullable(z.number()));

export const KpiFigures = schema(() => z
  .strictObject({
    applications: z.strictObject({ submitted: figure, approved: figure, rejected: figure, cancelled: figure }),
    completion: z.strictObject({ measured: figure, medianMinutes: figure, p90Minutes: figure, withinSlaShare: figure }),
    steps: z.strictObject({ decided: figure, medianMinutes: figure, p90Minutes: figure, withinSlaShare: figure }),
    uptake: z.strictObject({
      selfService: figure,
      assisted: figure,
      selfServiceShare: figure,
      byChannel: z.strictObject(Object.fromEntries(channels.map((channel) => [channel, figure])) as Record<(typeof channels)[number], typeof figure>),
    }),
    complaints: z.strictObject({ filed: figure, per1000Applications: figure, resolved: figure, meanResolutionHours: figure }),
    savings: z.strictObject({
      visitsAvoided: figure,
      citizenHoursSaved: figure,
      governmentCostSavedJod: figure,
      citizenCostSavedJod: figure,
      paperPagesAvoided: figure,
    }),
  })
  .register(z.globalRegistry, { id: 'KpiFigures', description: 'The KPIs of one month or of a range (formulas in the README)' }));
export type KpiFigures = z.infer<typeof KpiFigures>;

export const KpiQuery = schema(() => z.strictObject({
  service: z.optional(ServiceId),
  agency: z.optional(AgencyId),
  phase: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(6))),
  channel: z.optional(z.enum(channels)),
  from: z.optional(Month),
  to: z.optional(Month),
}));
export type KpiQuery = z.infer<typeof KpiQuery>;

// --- Targets ---

export const targetKpis = ['selfServiceShare', 'completionWithinSlaShare', 'stepsWithinSlaShare', 'completionMedianMinutes', 'complaintsPer1000', 'satisfaction'] as const;
export type TargetKpi = (typeof targetKpis)[number];

export const TargetBody = schema(() => z
  .strictObject({
    kpi: z.enum(targetKpis),
    /** Everything, one agency or one service. */
    dimension: z.enum(['all', 'agency', 'service']),
    value: z.optional(ServiceId),
    target: z.number().check(z.minimum(0), z.maximum(100_000)),
    /** at-least: higher is better (uptake, shares, satisfaction); at-most: lower is better (minutes, complaints). */
    comparison: z.enum(['at-least', 'at-most']),
    /** The Amman date it should be reached by. */
    by: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')),
    /** Who answers for it, e.g. the agency's director of digital services. */
    responsible: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  })
  .register(z.globalRegistry, { id: 'KpiTarget', description: 'A target for one KPI of everything, an agency or a service: set again, it replaces the earlier one' }));
export type TargetBody = z.infer<typeof TargetBody>;

export const TargetStatus = schema(() => z.extend(TargetBody, {
  setAt: z.string(),
  /** The KPI over the range asked for; null when there is nothing to measure. */
  actual: z.nullable(z.number()),
  met: z.nullable(z.boolean()),
  /** The last month with a value against the one before it, read against the comparison. */
  trend: z.nullable(z.enum(['improving', 'worsening', 'steady'])),
  /** How far from the target, in the KPI's unit (positive: short of it). */
  gap: z.nullable(z.number()),
}).register(z.globalRegistry, { id: 'KpiTargetStatus', description: 'A target with the actual value over the range, whether it is met, the gap and the trend' }));
export type TargetStatus = z.infer<typeof TargetStatus>;

const Satisfaction = schema(() => z.strictObject({ quarter: z.string(), ratings: figure, average: figure }));

export const KpiReport = schema(() => z
  .strictObject({
    dimension: z.enum(['all', 'service', 'agency', 'phase', 'channel']),
    value: z.optional(z.string()),
    from: z.string(),
    to: z.string(),
    total: KpiFigures,
    months: z.array(z.extend(KpiFigures, { month: z.string() })),
    /** Ratings of the quarters the range touches (services and agencies only; all = every agency's). */
    satisfaction: z.array(Satisfaction),
    /** Operators only: the targets set for this cell, actual against target and trend. */
    targets: z.optional(z.array(TargetStatus)),
    /** Operators only, everything: downloads of the open data over the range (uptake of open data), per dataset. */
    openDataDownloads: z.optional(z.strictObject({ total: z.int(), byDataset: z.record(z.string(), z.int()) })),
  })
  .register(z.globalRegistry, { id: 'KpiReport', description: 'KPIs per month of a range, and their total, for everything or one service, agency, phase or channel' }));
export type KpiReport = z.infer<typeof KpiReport>;


// --- Quarterly reports ---

export const ReportParams = schema(() => z.strictObject({ agencyId: AgencyId }));
export const ReportQuery = schema(() => z.strictObject({
  quarter: z.optional(z.string().check(z.regex(/^\d{4}-Q[1-4]$/, 'must be a quarter, e.g. 2026-Q2'))),
  lang: z.optional(z.enum(['ar', 'en'])),
}));
export const ReportPage = schema(() => z.string().register(z.globalRegistry, { id: 'AgencyReport', description: 'An HTML page (text/html), sent as an attachment' }));
