// The e-Government Unit's operators: satisfaction per quarter (GET /v1/feedback/summary), the rollout (phases, open
// dates, readiness; moving a service to another phase), and the KPIs (GET /v1/kpis) with targets (PUT /v1/kpis/targets).
import { call } from './api';
import { h } from './dom';
import { type Localized, date, loc, number, percent, stageNames, t, targetKpiNames, type TextKey } from './i18n';
import { type Json, agencyNames, errorText, field, notice, page } from './ui';

let services: Map<string, Json> | undefined;
async function serviceCards(): Promise<Map<string, Json>> {
  services ??= new Map(((await call('GET', '/v1/services?limit=100')).body.items as Json[]).map((s) => [s.serviceId, s]));
  return services;
}

/** A table with column headers and rows of cells. */
export function table(headers: string[], rows: Array<Array<Node | string>>, caption?: string): HTMLElement {
  return h('table', {}, caption && h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((name) => h('th', { scope: 'col' }, name)))),
    h('tbody', {}, ...rows.map((cells) => h('tr', {}, ...cells.map((cell) => h('td', {}, cell))))));
}

const fixed = (value: number | null | undefined, digits = 2) => (value === null || value === undefined ? '—' : number(value, { maximumFractionDigits: digits }));
const share = (value: number | null | undefined) => (value === null || value === undefined ? '—' : percent(value * 100));

export async function feedbackPage(): Promise<void> {
  const [names, cards, { body }] = await Promise.all([agencyNames(), serviceCards(), call('GET', '/v1/feedback/summary')]);
  const heads = (what: TextKey) => [t(what), t('ratings'), t('average')];
  page(t('navFeedback'), ...(body.quarters as Json[]).flatMap((q) => [
    h('h2', {}, q.quarter),
    q.services.length === 0 ? h('p', {}, t('noRatings')) : table(heads('navServices'), (q.services as Json[]).map((s) => [loc(cards.get(s.serviceId)?.name) || s.serviceId, number(s.count), fixed(s.average)])),
    q.agencies.length > 0 && table(heads('agencyFilter'), (q.agencies as Json[]).map((a) => [loc(names.get(a.agencyId)) || a.agencyId, number(a.count), fixed(a.average)])),
  ]));
}

export async function rolloutPage(): Promise<void> {
  const { body } = await call('GET', '/v1/rollout');
  const status = h('div', { role: 'status' });
  const all = (body.phases as Json[]).flatMap((p) => (p.services as Json[]).map((s) => ({ ...s, phase: p.phase as number })));
  const service = h('select', { name: 'service' }, ...all.map((s) => h('option', { value: s.serviceId }, `${loc(s.name)} (${number(s.phase)})`))) as HTMLSelectElement;
  const phase = h('select', { name: 'phase' }, ...[1, 2, 3, 4, 5, 6].map((n) => h('option', { value: n }, number(n)))) as HTMLSelectElement;
  const move = async () => {
    const chosen = all.find((s) => s.serviceId === service.value)!;
    try {
      await call('PUT', `/v1/rollout/services/${chosen.serviceId}`, { phase: Number(phase.value), expectedVersion: chosen.version });
      await rolloutPage();
      document.querySelector('main [role=status]')?.replaceChildren(notice(t('moved', { service: loc(chosen.name as Localized), phase: number(Number(phase.value)) })));
    } catch (error) {
      status.replaceChildren(notice(errorText(error), 'error'));
    }
  };
  page(t('navRollout'),
    status,
    h('form', { class: 'panel', onsubmit: (e: Event) => { e.preventDefault(); void move(); } }, h('h2', {}, t('moveService')), field(t('navServices'), service), field(t('phase'), phase), h('button', { type: 'submit' }, t('move'))),
    ...(body.phases as Json[]).flatMap((p) => [
      h('h2', {}, t('phaseLine', { phase: number(p.phase), date: p.opensOn ? date(p.opensOn) : '—' }), ' · ', p.open ? t('phaseOpen') : p.ready ? t('phaseReady') : t('phaseNotReady')),
      table([t('navServices'), t('stage'), t('annualTransactions')], (p.services as Json[]).map((s) => [loc(s.name), loc(stageNames[s.lifecycleStage]), number(s.annualTransactions)])),
    ]),
  );
}

const kpiRows: Array<[TextKey, (f: Json) => string]> = [
  ['kpiSubmitted', (f) => fixed(f.applications.submitted)],
  ['kpiApproved', (f) => fixed(f.applications.approved)],
  ['kpiWithinSla', (f) => share(f.completion.withinSlaShare)],
  ['kpiMedianMinutes', (f) => fixed(f.completion.medianMinutes, 0)],
  ['kpiSelfService', (f) => share(f.uptake.selfServiceShare)],
  ['kpiComplaints', (f) => fixed(f.complaints.per1000Applications)],
  ['kpiVisitsAvoided', (f) => fixed(f.savings.visitsAvoided, 0)],
  ['kpiCostSaved', (f) => fixed(f.savings.governmentCostSavedJod, 0)],
];

export async function kpiPage(params: URLSearchParams): Promise<void> {
  const cards = await serviceCards();
  const serviceId = params.get('service') ?? '';
  const { body } = await call('GET', `/v1/kpis${serviceId ? `?service=${encodeURIComponent(serviceId)}` : ''}`);
  const status = h('div', { role: 'status' });
  const scope = h('select', { name: 'service' }, h('option', { value: '' }, t('any')), ...[...cards.values()].map((s) => h('option', { value: s.serviceId, selected: s.serviceId === serviceId }, loc(s.name)))) as HTMLSelectElement;
  const target = {
    kpi: h('select', { name: 'kpi' }, ...Object.keys(targetKpiNames).map((k) => h('option', { value: k }, loc(targetKpiNames[k])))) as HTMLSelectElement,
    value: h('input', { name: 'target', type: 'number', step: 'any', dir: 'ltr' }) as HTMLInputElement,
    comparison: h('select', { name: 'comparison' }, h('option', { value: 'at-least' }, t('atLeast')), h('option', { value: 'at-most' }, t('atMost'))) as HTMLSelectElement,
    by: h('input', { name: 'by', type: 'date' }) as HTMLInputElement,
    responsible: h('input', { name: 'responsible', dir: 'auto' }) as HTMLInputElement,
  };
  const save = async () => {
    try {
      await call('PUT', '/v1/kpis/targets', { kpi: target.kpi.value, dimension: serviceId ? 'service' : 'all', ...(serviceId ? { value: serviceId } : {}), target: Number(target.value.value), comparison: target.comparison.value, by: target.by.value, ...(target.responsible.value.trim() ? { responsible: target.responsible.value.trim() } : {}) });
      await kpiPage(params);
      document.querySelector('main [role=status]')?.replaceChildren(notice(t('targetSaved')));
    } catch (error) {
      status.replaceChildren(notice(errorText(error), 'error'));
    }
  };
  const months = (body.months as Json[]).slice(-6);
  page(t('navKpis'),
    h('form', { role: 'search', class: 'search', onsubmit: (e: Event) => { e.preventDefault(); location.hash = `#/operator/kpis${scope.value ? `?service=${scope.value}` : ''}`; } }, field(t('navServices'), scope), h('button', { type: 'submit' }, t('show'))),
    h('p', { class: 'meta' }, `${body.from} – ${body.to}`),
    table([t('kpi'), t('total'), ...months.map((m) => m.month)], kpiRows.map(([key, read]) => [t(key), read(body.total), ...months.map(read)])),
    h('h2', {}, t('targets')),
    status,
    (body.targets ?? []).length === 0 ? h('p', {}, t('noTargets')) : table([t('kpi'), t('target'), t('actual'), t('targetMet'), t('targetBy')], (body.targets as Json[]).map((x) => [loc(targetKpiNames[x.kpi]) || x.kpi, `${x.comparison === 'at-most' ? '≤' : '≥'} ${number(x.target)}`, fixed(x.actual), x.met === null ? '—' : x.met ? t('yes') : t('no'), date(x.by)])),
    h('form', { class: 'panel', onsubmit: (e: Event) => { e.preventDefault(); void save(); } }, h('h2', {}, t('setTarget')),
      field(t('kpi'), target.kpi), field(t('target'), target.value), field(t('comparison'), target.comparison), field(t('targetBy'), target.by), field(t('responsible'), target.responsible),
      h('button', { type: 'submit' }, t('setTarget'))),
  );
}
