// Capabilities of the e-Government Unit's KPIs: their route contracts and the tables each may touch.
import { KpiQuery, KpiReport, ReportParams, ReportQuery, ReportPage, TargetBody, TargetStatus } from '../../schemas/kpis';
import type { Capability, RouteContract } from './types';

const tag = 'KPIs';

export const getKpisRoute = {
  method: 'GET',
  path: '/v1/kpis',
  operationId: 'getKpis',
  summary:
    'KPIs per month (from, to: YYYY-MM, Amman; default the last 12 months; at most 36) of everything or one service, agency, phase or channel: applications, completion time against SLA, digital uptake, savings against the traditional channel, satisfaction',
  tag,
  access: ['operator'],
  principal: 'linked',
  query: KpiQuery,
  response: KpiReport,
  successStatus: 200,
  errorCodes: ['kpi_filters', 'month_range'],
} as const satisfies RouteContract;

export const getPublicKpisRoute = {
  method: 'GET',
  path: '/v1/public/kpis',
  operationId: 'getPublicKpis',
  summary: 'The public KPIs: the same aggregates, no personal data; any figure counting fewer than 10 applications is null',
  tag,
  access: 'public',
  query: KpiQuery,
  response: KpiReport,
  successStatus: 200,
  errorCodes: ['kpi_filters', 'month_range'],
} as const satisfies RouteContract;

export const setKpiTargetRoute = {
  method: 'PUT',
  path: '/v1/kpis/targets',
  operationId: 'setKpiTarget',
  summary: 'Set (or replace) the target of one KPI for everything, an agency or a service, with the date to reach it and who answers for it; GET /v1/kpis shows actual against target and the trend',
  tag,
  access: ['operator'],
  principal: 'linked',
  body: TargetBody,
  response: TargetStatus,
  successStatus: 200,
  errorCodes: ['target_scope', 'target_range'],
} as const satisfies RouteContract;

export const getKpiReportRoute = {
  method: 'GET',
  path: '/v1/kpis/reports/{agencyId}',
  operationId: 'getAgencyReport',
  summary: "An agency's quarterly performance report (quarter: YYYY-QN, default the current one; lang: ar or en), a downloadable HTML page with a chart: its KPIs per month, targets, satisfaction and complaints",
  tag,
  access: ['operator'],
  principal: 'linked',
  params: ReportParams,
  query: ReportQuery,
  response: ReportPage,
  mediaType: 'text/html',
  responseHeaders: ['content-disposition'],
  successStatus: 200,
  errors: [422],
  errorCodes: ['kpi_filters', 'month_range', 'unknown_agency'],
} as const satisfies RouteContract;

export const kpiCapabilities: readonly Capability[] = [
  { id: 'get-kpis', entry: 'functions/kpis/get-kpis.ts', route: getKpisRoute, tables: { metrics: 'read', engagement: 'read', registry: 'read' } },
  { id: 'set-kpi-target', entry: 'functions/kpis/set-target.ts', route: setKpiTargetRoute, tables: { engagement: 'readwrite', registry: 'read' } },
  { id: 'get-kpi-report', entry: 'functions/kpis/get-report.ts', route: getKpiReportRoute, tables: { metrics: 'read', engagement: 'read', catalogue: 'read', registry: 'read' } },
  { id: 'get-public-kpis', entry: 'functions/kpis/get-public-kpis.ts', route: getPublicKpisRoute, tables: { metrics: 'read', engagement: 'read' } },
];
