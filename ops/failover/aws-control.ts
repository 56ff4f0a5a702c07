// The failover port against AWS (SDK v3): the regions' HTTP APIs, EventBridge schedules, Lambda event source
// mappings of the stage's table streams, the Route 53 health check behind the primary failover record, and the
// region's DynamoDB tables (the KPI rebuild, run from here as `npm run kpis:rebuild` is).
import { ApiGatewayV2Client, GetApisCommand, UpdateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { DisableRuleCommand, EnableRuleCommand, EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand, type Rule } from '@aws-sdk/client-eventbridge';
import { type EventSourceMappingConfiguration, InvokeCommand, LambdaClient, ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { ListResourceRecordSetsCommand, Route53Client, UpdateHealthCheckCommand } from '@aws-sdk/client-route-53';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { rebuildFromTables } from '../../functions/kpis/rebuild';
import { workers } from '../../lib/catalogue/workers';
import type { StageConfig } from '../../lib/config/stages';
import type { RegionRole } from '../../lib/platform/failover';
import { tableName } from '../../lib/platform/tables';
import { failoverRecordId, healthRoutePath } from '../../lib/constructs/regional-domain';
import type { RegionControl } from './control';

export interface AwsClients {
  apis(region: string): ApiGatewayV2Client;
  events(region: string): EventBridgeClient;
  lambda(region: string): LambdaClient;
  route53: Route53Client;
  dynamo(region: string): DynamoDBDocumentClient;
  fetch: typeof fetch;
}

export function defaultClients(): AwsClients {
  const cache = new Map<string, unknown>();
  const per = <T>(kind: string, make: (region: string) => T) => (region: string) => {
    const key = `${kind}:${region}`;
    if (!cache.has(key)) {
      cache.set(key, make(region));
    }
    return cache.get(key) as T;
  };
  return {
    apis: per('apis', (region) => new ApiGatewayV2Client({ region })),
    events: per('events', (region) => new EventBridgeClient({ region })),
    lambda: per('lambda', (region) => new LambdaClient({ region })),
    route53: new Route53Client({ region: 'us-east-1' }),
    dynamo: per('dynamo', (region) => DynamoDBDocumentClient.from(new DynamoDBClient({ region }), { marshallOptions: { removeUndefinedValues: true } })),
    fetch: globalThis.fetch,
  };
}

/** A schedule rule's description as the CDK workers construct writes it. */
const scheduleDescription = (workerId: string) => {
  const worker = workers.find((candidate) => candidate.id === workerId)!;
  return worker.trigger.kind === 'schedule' ? `${worker.description} (every ${worker.trigger.everyMinutes} min)` : undefined;
};

async function listRules(client: EventBridgeClient): Promise<Rule[]> {
  const all: Rule[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListRulesCommand({ NextToken }));
    all.push(...(page.Rules ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return all;
}

async function listMappings(client: LambdaClient): Promise<EventSourceMappingConfiguration[]> {
  const all: EventSourceMappingConfiguration[] = [];
  let Marker: string | undefined;
  do {
    const page = await client.send(new ListEventSourceMappingsCommand({ Marker }));
    all.push(...(page.EventSourceMappings ?? []));
    Marker = page.NextMarker;
  } while (Marker);
  return all;
}

export function awsRegionControl(config: StageConfig, clients: AwsClients = defaultClients()): RegionControl {
  const regionOf = (role: RegionRole) => (role === 'primary' ? config.primaryRegion : config.drRegion);
  const apiName = `khidma-${config.stage}`;

  async function api(role: RegionRole) {
    const { Items = [] } = await clients.apis(regionOf(role)).send(new GetApisCommand({ MaxResults: '500' }));
    const found = Items.find((item) => item.Name === apiName);
    if (!found?.ApiId) {
      throw new Error(`no HTTP API ${apiName} in ${regionOf(role)}`);
    }
    return { id: found.ApiId, endpoint: found.ApiEndpoint! };
  }

  return {
    async acceptsWrites(role) {
      try {
        const { endpoint } = await api(role);
        const answer = await clients.fetch(`${endpoint}${healthRoutePath}`, { signal: AbortSignal.timeout(5_000) });
        const body = (await answer.json()) as { status?: string };
        return answer.ok && body.status === 'ok';
      } catch {
        return false;
      }
    },
    async setFenced(role, fenced) {
      const { id } = await api(role);
      const throttle = fenced ? { ThrottlingRateLimit: 0, ThrottlingBurstLimit: 0 } : { ThrottlingRateLimit: config.throttle.rateLimit, ThrottlingBurstLimit: config.throttle.burstLimit };
      await clients.apis(regionOf(role)).send(new UpdateStageCommand({ ApiId: id, StageName: '$default', DefaultRouteSettings: throttle }));
    },
    async setSchedules(role, enabled, workerIds) {
      const wanted = new Set(workerIds.map(scheduleDescription));
      const found = (await listRules(clients.events(regionOf(role)))).filter((rule) => rule.ScheduleExpression && wanted.has(rule.Description));
      if (found.length < wanted.size) {
        throw new Error(`found ${found.length} of the ${wanted.size} schedules in ${regionOf(role)}`);
      }
      for (const rule of found) {
        await clients.events(regionOf(role)).send(enabled ? new EnableRuleCommand({ Name: rule.Name }) : new DisableRuleCommand({ Name: rule.Name }));
      }
      return found.map((rule) => rule.Name!);
    },
    async setStreamConsumers(role, enabled, workerIds) {
      const tables = new Set(workers.filter((worker) => workerIds.includes(worker.id) && worker.trigger.kind === 'stream').map((worker) => (worker.trigger as { table: Parameters<typeof tableName>[1] }).table));
      const streamOf = (arn: string | undefined) => [...tables].some((table) => arn?.includes(`:table/${tableName(config.stage, table)}/stream/`));
      const found = (await listMappings(clients.lambda(regionOf(role)))).filter((mapping) => streamOf(mapping.EventSourceArn));
      if (found.length < workerIds.length) {
        throw new Error(`found ${found.length} of the ${workerIds.length} stream consumers in ${regionOf(role)}`);
      }
      for (const mapping of found) {
        await clients.lambda(regionOf(role)).send(new UpdateEventSourceMappingCommand({ UUID: mapping.UUID, Enabled: enabled }));
      }
      return found.map((mapping) => mapping.UUID!);
    },
    async resumeInFlight(role) {
      // The reconciler is the target of its schedule rule: found the way setSchedules finds the rule.
      const description = scheduleDescription('reconcile-applications');
      const rule = (await listRules(clients.events(regionOf(role)))).find((found) => found.ScheduleExpression && found.Description === description);
      const { Targets = [] } = rule ? await clients.events(regionOf(role)).send(new ListTargetsByRuleCommand({ Rule: rule.Name })) : {};
      const target = Targets.find((found) => found.Arn?.includes(':function:'));
      if (!target?.Arn) {
        throw new Error(`no reconcile-applications schedule with a function target in ${regionOf(role)}`);
      }
      await clients
        .lambda(regionOf(role))
        .send(new InvokeCommand({ FunctionName: target.Arn, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify({ scope: 'takeover' })) }));
    },
    async rebuildKpis(role) {
      const table = (id: Parameters<typeof tableName>[1]) => tableName(config.stage, id);
      await rebuildFromTables(clients.dynamo(regionOf(role)), { applications: table('applications'), metrics: table('metrics'), catalogue: table('catalogue') });
    },
    async pointDns(role) {
      const { apiDomain } = config.recovery;
      const { ResourceRecordSets = [] } = await clients.route53.send(
        new ListResourceRecordSetsCommand({ HostedZoneId: apiDomain.hostedZoneId, StartRecordName: apiDomain.name, StartRecordType: 'A' }),
      );
      const primary = ResourceRecordSets.find((record) => record.SetIdentifier === failoverRecordId(config.stage, 'primary'));
      if (!primary?.HealthCheckId) {
        throw new Error(`no primary failover record with a health check for ${apiDomain.name}`);
      }
      // The primary's check inverted: Route 53 answers with the secondary (DR) record; not inverted: with the primary.
      await clients.route53.send(new UpdateHealthCheckCommand({ HealthCheckId: primary.HealthCheckId, Inverted: role === 'dr' }));
    },
  };
}
