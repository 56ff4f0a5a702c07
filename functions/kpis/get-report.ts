// The quarterly report of one agency as a downloadable HTML page (the HTTP pipeline answers JSON: its string is
// turned into the page here, once the request has passed validation and authorization).
import { getKpiReportRoute } from '../../lib/catalogue/kpis';
import { dynamoCatalogue } from '../services/dynamo-catalogue';
import { dynamo, requireTable } from '../shared/dynamo';
import { HttpError } from '../shared/errors';
import { httpHandler, type LambdaHttpHandler } from '../shared/http';
import { quarterOf } from '../shared/amman-time';
import { readingDeps } from './deps';
import { kpiReport } from './domain/kpis';
import { quarterMonths, reportHtml } from './domain/report';
import { targetStatus } from './domain/targets';
import { dynamoTargets } from './dynamo-targets';

const deps = readingDeps();
const targets = dynamoTargets(dynamo, requireTable('engagement'));
const catalogue = dynamoCatalogue(dynamo, requireTable('catalogue'));

const inner = httpHandler(getKpiReportRoute, async ({ params, query }) => {
  const agency = (await catalogue.listAgencies()).find((candidate) => candidate.agencyId === params.agencyId);
  if (!agency) {
    throw new HttpError(422, 'unknown_agency', `No agency ${params.agencyId}`, { agencyId: params.agencyId });
  }
  const quarter = query.quarter ?? quarterOf(deps.now());
  const language = query.lang ?? 'ar';
  const report = await kpiReport(deps, { agency: params.agencyId, ...quarterMonths(quarter) });
  const withTargets = { ...report, targets: (await targets.of('agency', params.agencyId)).map((target) => targetStatus(target, report)) };
  return { body: reportHtml(withTargets, agency.name[language], quarter, language) };
});

export const handler: LambdaHttpHandler = async (event, context) => {
  const response = await inner(event, context);
  if (response.statusCode !== 200 || typeof response.body !== 'string') {
    return response;
  }
  const quarter = event.queryStringParameters?.quarter ?? 'current';
  return {
    ...response,
    headers: {
      ...response.headers,
      'content-type': 'text/html; charset=utf-8',
      'content-disposition': `attachment; filename="khidma-${event.pathParameters?.agencyId ?? 'agency'}-${quarter}.html"`,
    },
    body: JSON.parse(response.body) as string,
  };
};
