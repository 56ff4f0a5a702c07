// Targets per KPI: set by operators for everything, an agency or a service; each KPI answer shows its cell's
// targets with the actual value over the range, whether it is met, the gap and the trend month on month.
import type { KpiFigures, KpiReport, TargetBody, TargetKpi, TargetStatus } from '../../../schemas/kpis';
import { BadRequest } from '../../shared/errors';

export interface StoredTarget extends TargetBody {
  readonly setAt: string;
  readonly setBy: string;
}

export interface TargetStore {
  put(target: StoredTarget): Promise<void>;
  /** The targets of one cell (dimension all: value `all`). */
  of(dimension: string, value: string): Promise<StoredTarget[]>;
}

type Monthly = KpiReport['months'][number];

/** The KPI's value in a month's (or the total's) figures; satisfaction comes from the quarters' ratings. */
function valueOf(kpi: TargetKpi, figures: KpiFigures, satisfaction: KpiReport['satisfaction']): number | null {
  switch (kpi) {
    case 'selfServiceShare':
      return figures.uptake.selfServiceShare;
    case 'completionWithinSlaShare':
      return figures.completion.withinSlaShare;
    case 'stepsWithinSlaShare':
      return figures.steps.withinSlaShare;
    case 'completionMedianMinutes':
      return figures.completion.medianMinutes;
    case 'complaintsPer1000':
      return figures.complaints.per1000Applications;
    case 'satisfaction': {
      const rated = satisfaction.filter((quarter) => quarter.average !== null && (quarter.ratings ?? 0) > 0);
      const ratings = rated.reduce((sum, quarter) => sum + quarter.ratings!, 0);
      return ratings > 0 ? Math.round((rated.reduce((sum, quarter) => sum + quarter.average! * quarter.ratings!, 0) / ratings) * 100) / 100 : null;
    }
  }
}

function trendOf(target: TargetBody, months: readonly Monthly[]): TargetStatus['trend'] {
  if (target.kpi === 'satisfaction') {
    return null;
  }
  const values = months.map((month) => valueOf(target.kpi, month, [])).filter((value): value is number => value !== null);
  if (values.length < 2) {
    return null;
  }
  const [before, last] = values.slice(-2) as [number, number];
  if (last === before) {
    return 'steady';
  }
  return (last > before) === (target.comparison === 'at-least') ? 'improving' : 'worsening';
}

export function targetStatus(target: StoredTarget, report: Pick<KpiReport, 'total' | 'months' | 'satisfaction'>): TargetStatus {
  const { setBy: _setBy, ...rest } = target;
  const actual = valueOf(target.kpi, report.total, report.satisfaction);
  const met = actual === null ? null : target.comparison === 'at-least' ? actual >= target.target : actual <= target.target;
  const gap = actual === null ? null : Math.round((target.comparison === 'at-least' ? target.target - actual : actual - target.target) * 10_000) / 10_000;
  return { ...rest, actual, met, gap, trend: trendOf(target, report.months) };
}

export async function setTarget(deps: { targets: TargetStore; now: () => Date }, setBy: string, body: TargetBody): Promise<TargetStatus> {
  if ((body.dimension === 'all') !== (body.value === undefined)) {
    throw new BadRequest('target_scope', 'An agency or service target names it in value; a target for everything has no value', { dimension: body.dimension });
  }
  const shares: readonly TargetKpi[] = ['selfServiceShare', 'completionWithinSlaShare', 'stepsWithinSlaShare'];
  if ((shares.includes(body.kpi) && body.target > 1) || (body.kpi === 'satisfaction' && (body.target < 1 || body.target > 5))) {
    throw new BadRequest('target_range', 'Shares are targeted between 0 and 1, satisfaction between 1 and 5', { kpi: body.kpi, target: body.target });
  }
  const target: StoredTarget = { ...body, setAt: deps.now().toISOString(), setBy };
  await deps.targets.put(target);
  const { setBy: _setBy, ...rest } = target;
  return { ...rest, actual: null, met: null, gap: null, trend: null };
}
