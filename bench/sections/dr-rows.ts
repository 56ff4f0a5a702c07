// The drill's rows (section "Fault"): the applications through the failover, the RPO and the RTO, judged against the
// prod stage's targets (lib/config/stages.ts `recovery`; the local stage has none of its own).
import { stages } from '../../lib/config/stages';
import type { Row, SectionResult } from '../rows';
import { type DrDrillFigures, type DrDrillOptions, drDrill } from './dr-drill';
import { faultRow } from './faults';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function drDrillRows(figures: DrDrillFigures): Row[] {
  const { rpoSeconds, rtoSeconds } = stages.prod!.recovery;
  const lost = figures.lostWrites.submissions.length + figures.lostWrites.decisions.length;
  const acknowledged = figures.acknowledged.submissions + figures.acknowledged.decisions;
  const flow = faultRow({
    scenario: `primary region lost: ${figures.keys} applications, their first decisions in flight`,
    how: `two local clouds, replication emulating global tables (lag ${figures.lagMs} ms); the primary SIGKILLed, npm run failover -- --stage local --to dr, every Idempotency-Key replayed in DR`,
    submitted: figures.keys,
    completed: figures.completed,
    // An application DR's rebuilt KPI aggregates do not know is lost to the e-Government Unit's figures.
    lost: figures.replays.failed.length + figures.unfinished.length + (figures.kpiFacts.applications - figures.kpiFacts.counted),
    duplicated: Math.max(0, figures.applicationsInDr - figures.keys) + figures.repeated,
    details: {
      'replayed to the same application': figures.replays.same,
      'recreated in DR (lost with the primary)': figures.replays.recreated,
      'approval notifications in DR': `${figures.approvalNotices.notified}, ${figures.approvalNotices.repeated} repeated`,
      'KPI facts in DR (rebuilt on take-over)': `${figures.kpiFacts.counted} of ${figures.kpiFacts.applications}`,
      ...(figures.replays.failed.length ? { 'replays refused': figures.replays.failed } : {}),
      ...(figures.unfinished.length ? { unfinished: figures.unfinished } : {}),
    },
  });
  const rpo: Row = {
    section: 'Fault',
    item: 'primary region lost: RPO',
    measured: `${lost} of ${acknowledged} acknowledged writes lost (submissions ${figures.lostWrites.submissions.length}, decisions ${figures.lostWrites.decisions.length}); replication lag at the loss ${Math.round(figures.replication.lagAtLossMs)} ms`,
    budget: `lag at the loss ≤ ${rpoSeconds} s (prod RPO)`,
    verdict: figures.replication.lagAtLossMs <= rpoSeconds * 1000 ? 'ok' : 'FAIL',
    note: `${figures.replication.dropped} change(s) read and never replicated ${JSON.stringify(figures.replication.droppedByTable)}; configured lag ${figures.lagMs} ms`,
  };
  const rto: Row = {
    section: 'Fault',
    item: 'primary region lost: RTO',
    measured: `${seconds(figures.rto.submissionMs)} from the loss to the first submission in DR (sign-in after the reset ${seconds(figures.rto.signInMs)})`,
    budget: `≤ ${rtoSeconds} s (prod RTO)`,
    verdict: figures.rto.submissionMs <= rtoSeconds * 1000 ? 'ok' : 'FAIL',
    note: `the failover command took ${seconds(figures.failover.ms)}; the citizen signed up in the primary, reset the mirrored account's password in DR`,
  };
  return [flow, rpo, rto];
}

export async function drDrillSection(options: DrDrillOptions, progress: (line: string) => void): Promise<SectionResult<DrDrillFigures>> {
  const figures = await drDrill(options, progress);
  return { rows: drDrillRows(figures), data: figures };
}
