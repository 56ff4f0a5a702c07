// KPIs of the e-Government Unit: applications, completion against SLA, digital uptake and savings against each
// card's traditional-channel baseline, per month and per service, agency, rollout phase or channel.
import * as z from 'zod/mini';
import { AgencyId, channels, ServiceId } from './services';

export const Month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, e.g. 2026-04'));

/** A figure; null when there is nothing to measure, or (public figures) when it would count fewer than 10 applications. */
const figure = z.nullable(z.number());

export const KpiFigures = z
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
  .register(z.globalRegistry, { id: 'KpiFigures', description: 'The KPIs of one month or of a range (formulas in the README)' });
export type KpiFigures = z.infer<typeof KpiFigures>;

export const KpiQuery = z.strictObject({
  service: z.optional(ServiceId),
  agency: z.optional(AgencyId),
  phase: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(6))),
  channel: z.optional(z.enum(channels)),
  from: z.optional(Month),
  to: z.optional(Month),
});
export type KpiQuery = z.infer<typeof KpiQuery>;

const Satisfaction = z.strictObject({ quarter: z.string(), ratings: figure, average: figure });

export const KpiReport = z
  .strictObject({
    dimension: z.enum(['all', 'service', 'agency', 'phase', 'channel']),
    value: z.optional(z.string()),
    from: z.string(),
    to: z.string(),
    total: KpiFigures,
    months: z.array(z.extend(KpiFigures, { month: z.string() })),
    /** Ratings of the quarters the range touches (services and agencies only; all = every agency's). */
    satisfaction: z.array(Satisfaction),
  })
  .register(z.globalRegistry, { id: 'KpiReport', description: 'KPIs per month of a range, and their total, for everything or one service, agency, phase or channel' });
export type KpiReport = z.infer<typeof KpiReport>;
