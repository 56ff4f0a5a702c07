// Section 5: infrastructure cost per completed two-agency application, from the counts the journey measured
// and the list prices in bench/prices.json; identity (Cognito) per monthly active user, apart.
import type { Deployment } from '../deployment';
import { judge, type Row, type SectionResult, usd } from '../rows';
import type { JourneyFigures } from './journey';

export type Prices = typeof import('../prices.json');

export interface CostBudget {
  readonly maxTransitionsPerApplication: number;
  readonly maxUsdPerApplication: number;
}

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly usd: number;
}

export interface CostFigures {
  readonly region: string;
  readonly pricesDate: string;
  readonly lines: readonly CostLine[];
  readonly perApplication: number;
  readonly perMonthAtOneMillion: number;
  readonly transitions: number;
  readonly cognito: { readonly tier: string; readonly perMonthlyActiveUser: number; readonly freeMonthlyActiveUsers: number };
  readonly notifications: { readonly emails: number; readonly sms: number; readonly emailUsd: number };
}

const perMillion = (count: number, price: number) => (count * price) / 1e6;

export function costSection(
  journey: JourneyFigures,
  deployment: Deployment,
  prices: Prices,
  budget: CostBudget,
  notifications: { emails: number; sms: number },
  timingsJudged = true,
): SectionResult<CostFigures> {
  const lines = costLines(journey, deployment, prices);
  const perApplication = lines.reduce((sum, line) => sum + line.usd, 0);
  const tier = deployment.userPoolTier as keyof Prices['cognito']['perMonthlyActiveUser'];
  const figures: CostFigures = {
    region: prices.region,
    pricesDate: prices.date,
    lines,
    perApplication,
    perMonthAtOneMillion: perApplication * 1e6,
    transitions: journey.transitions.total,
    cognito: { tier, perMonthlyActiveUser: prices.cognito.perMonthlyActiveUser[tier], freeMonthlyActiveUsers: prices.cognito.freeMonthlyActiveUsers[tier] },
    notifications: { ...notifications, emailUsd: (notifications.emails * prices.ses.emailsPerThousand) / 1000 },
  };
  return { rows: rows(figures, journey, budget, prices, timingsJudged), data: figures };
}

function costLines(journey: JourneyFigures, deployment: Deployment, prices: Prices): CostLine[] {
  const memoryOf = (fn: string) => deployment.functions.find((candidate) => candidate.id === fn)?.memoryMb ?? 256;
  const invocations = journey.invocations.reduce((sum, invocation) => sum + invocation.count, 0);
  const gbSeconds = journey.invocations.reduce((sum, invocation) => sum + (invocation.billedMs / 1000) * (memoryOf(invocation.fn) / 1024), 0);
  const requests = Object.values(journey.apiRequests).reduce((sum, count) => sum + count, 0);
  const messages = Object.values(journey.queueMessages).reduce((sum, count) => sum + count, 0);
  const { assumptions } = prices;
  const logBytes = journey.logBytes + invocations * assumptions.lambdaPlatformLogBytesPerInvocation + requests * assumptions.apiAccessLogBytesPerRequest;
  const writes = journey.usage.writeCapacity;
  // Writes to a regional table (no replica) are billed once: the meter's keys are the local stage's table names.
  const regional = new Set(deployment.regionalTables.map((name) => name.replace(`khidma-${deployment.stage}-`, '')));
  const regionalWrites = Object.entries(journey.byIndex)
    .filter(([key]) => regional.has(key.split(' ')[0]!.replace(/^khidma-[^-]+-/, '')))
    .reduce((sum, [, units]) => sum + units.write, 0);
  const replicated = (writes - regionalWrites) * deployment.tableReplicas;
  return [
    { item: 'Lambda requests', quantity: invocations, unit: 'invocations', usd: perMillion(invocations, prices.lambda.requestsPerMillion) },
    { item: DURATION, quantity: round(gbSeconds, 4), unit: 'GB-s', usd: gbSeconds * prices.lambda.arm64GbSecond },
    { item: 'HTTP API', quantity: requests, unit: 'requests', usd: perMillion(requests, prices.httpApi.requestsPerMillion) },
    { item: 'DynamoDB reads', quantity: journey.usage.readCapacity, unit: 'RRU', usd: perMillion(journey.usage.readCapacity, prices.dynamodb.readRequestUnitsPerMillion) },
    { item: 'DynamoDB writes', quantity: writes, unit: 'WRU', usd: perMillion(writes, prices.dynamodb.writeRequestUnitsPerMillion) },
    {
      item: `DynamoDB replicated writes (${deployment.tableReplicas} replica; ${regionalWrites} units to regional tables not replicated)`,
      quantity: replicated,
      unit: 'rWRU',
      usd: perMillion(replicated, prices.dynamodb.replicatedWriteRequestUnitsPerMillion),
    },
    { item: 'SQS', quantity: messages * assumptions.sqsRequestsPerMessage, unit: `requests (${messages} messages)`, usd: perMillion(messages * assumptions.sqsRequestsPerMessage, prices.sqs.requestsPerMillion) },
    { item: 'Step Functions Standard', quantity: journey.transitions.total, unit: 'transitions', usd: (journey.transitions.total * prices.stepFunctions.standardTransitionsPerThousand) / 1000 },
    { item: 'EventBridge', quantity: journey.busEvents, unit: 'events', usd: perMillion(journey.busEvents, prices.eventBridge.customEventsPerMillion) },
    { item: 'CloudWatch Logs', quantity: logBytes, unit: `bytes (${journey.logBytes} from handlers)`, usd: (logBytes / 1024 ** 3) * prices.cloudWatchLogs.ingestedPerGb },
  ];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const share = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

/** Lambda duration is billed by the millisecond measured: a timing, which a seconds-long smoke run on a busy machine inflates. */
const DURATION = 'Lambda duration (arm64)';

function rows(figures: CostFigures, journey: JourneyFigures, budget: CostBudget, prices: Prices, timingsJudged: boolean): Row[] {
  const judgedUsd = timingsJudged ? figures.perApplication : figures.perApplication - (figures.lines.find((line) => line.item === DURATION)?.usd ?? 0);
  const lineRows: Row[] = figures.lines.map((line) => ({
    section: 'Cost',
    item: line.item,
    measured: usd(line.usd),
    budget: '',
    verdict: 'info',
    note: `${line.quantity} ${line.unit}; ${share(line.usd, figures.perApplication)} of the total`,
  }));
  return [
    ...lineRows,
    {
      section: 'Cost',
      item: 'Step Functions transitions per application',
      measured: String(figures.transitions),
      budget: `≤ ${budget.maxTransitionsPerApplication}`,
      verdict: judge(figures.transitions <= budget.maxTransitionsPerApplication),
      note: Object.entries(journey.transitions.byState).map(([state, count]) => `${state} ×${count}`).join(', '),
    },
    {
      section: 'Cost',
      item: 'infrastructure per completed application',
      measured: usd(figures.perApplication),
      budget: `≤ ${usd(budget.maxUsdPerApplication)}`,
      verdict: judge(judgedUsd <= budget.maxUsdPerApplication),
      note: `${usd(figures.perMonthAtOneMillion)} a month at 1 million applications; ${prices.regionName} list prices of ${prices.date}${timingsJudged ? '' : `; judged without Lambda duration (a timing): ${usd(judgedUsd)}`}`,
    },
    {
      section: 'Cost',
      item: `identity per monthly active user (Cognito ${figures.cognito.tier})`,
      measured: usd(figures.cognito.perMonthlyActiveUser),
      budget: '',
      verdict: 'info',
      note: `apart from the above; ${figures.cognito.freeMonthlyActiveUsers} MAU free in this tier; SMS for MFA and verification extra`,
    },
    {
      section: 'Cost',
      item: 'notifications per application',
      measured: `${figures.notifications.emails} emails, ${figures.notifications.sms} SMS`,
      budget: '',
      verdict: 'info',
      note: `apart from the above: email ${usd(figures.notifications.emailUsd)} at SES; SMS priced per destination country`,
    },
  ];
}
