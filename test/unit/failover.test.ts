// `npm run failover` against AWS, with the SDK mocked (no AWS here): the plan's order, the refusal while the old
// region still accepts writes, fencing with --force, the steps on an unreachable region skipped, and failback.
import { ApiGatewayV2Client, GetApisCommand, UpdateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { DisableRuleCommand, EnableRuleCommand, EventBridgeClient, ListRulesCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient, ListEventSourceMappingsCommand, UpdateEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { ListResourceRecordSetsCommand, Route53Client, UpdateHealthCheckCommand } from '@aws-sdk/client-route-53';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { workers } from '../../lib/catalogue/workers';
import { stageConfig } from '../../lib/config/stages';
import { scheduledWorkers, streamWorkers } from '../../lib/platform/failover';
import { tableName } from '../../lib/platform/tables';
import { type AwsClients, awsRegionControl } from '../../ops/failover/aws-control';
import { FailoverRefused, runFailover } from '../../ops/failover/control';

const config = stageConfig('prod');
const regions = [config.primaryRegion, config.drRegion];

/** One mocked client per region and service, as the command makes them, answering as a deployed stage would. */
function deployedStage(options: { primaryDown?: boolean; primaryHealthy?: boolean } = {}) {
  const clients = Object.fromEntries(
    regions.map((region) => [
      region,
      { apis: new ApiGatewayV2Client({ region }), events: new EventBridgeClient({ region }), lambda: new LambdaClient({ region }), dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ region })) },
    ]),
  );
  const mocks = Object.fromEntries(
    regions.map((region) => {
      const { apis, events, lambda, dynamo } = clients[region]!;
      const mocked = { apis: mockClient(apis), events: mockClient(events), lambda: mockClient(lambda), dynamo: mockClient(dynamo) };
      // The KPI rebuild's calls, answered as an empty region's tables would (the rebuild itself runs on DynamoDB Local
      // in test/integration/kpis.test.ts): here only which region and tables it goes to.
      mocked.dynamo.on(ScanCommand).resolves({ Items: [] });
      mocked.dynamo.on(PutCommand).resolves({});
      mocked.dynamo.on(DeleteCommand).resolves({});
      const down = options.primaryDown && region === config.primaryRegion;
      if (down) {
        const unreachable = Object.assign(new Error('connect ETIMEDOUT'), { name: 'TimeoutError' });
        mocked.apis.onAnyCommand().rejects(unreachable);
        mocked.events.onAnyCommand().rejects(unreachable);
        mocked.lambda.onAnyCommand().rejects(unreachable);
        return [region, mocked];
      }
      mocked.apis.on(GetApisCommand).resolves({ Items: [{ Name: 'khidma-other', ApiId: 'zzz', ProtocolType: 'HTTP', RouteSelectionExpression: '' }, { Name: 'khidma-prod', ApiId: `api-${region}`, ApiEndpoint: `https://api-${region}.example`, ProtocolType: 'HTTP', RouteSelectionExpression: '' }] });
      mocked.apis.on(UpdateStageCommand).resolves({});
      // Every schedule of the catalogue, as CDK describes it, plus a rule of someone else's.
      const scheduleRules = workers.flatMap((worker) =>
        worker.trigger.kind === 'schedule' ? [{ Name: `rule-${worker.id}`, ScheduleExpression: `rate(${worker.trigger.everyMinutes} minutes)`, Description: `${worker.description} (every ${worker.trigger.everyMinutes} min)` }] : [],
      );
      // Two pages, as often as they are listed.
      mocked.events.on(ListRulesCommand).resolves({ Rules: scheduleRules.slice(0, 2), NextToken: 'next' });
      mocked.events.on(ListRulesCommand, { NextToken: 'next' }).resolves({ Rules: [...scheduleRules.slice(2), { Name: 'unrelated', ScheduleExpression: 'rate(1 day)', Description: 'not ours' }] });
      mocked.events.on(EnableRuleCommand).resolves({});
      mocked.events.on(DisableRuleCommand).resolves({});
      mocked.events.on(ListTargetsByRuleCommand).resolves({ Targets: [] });
      mocked.events.on(ListTargetsByRuleCommand, { Rule: 'rule-reconcile-applications' }).resolves({ Targets: [{ Id: 'Target0', Arn: `arn:aws:lambda:${region}:111111111111:function:khidma-prod-reconcile` }] });
      mocked.lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
      const streamMappings = workers.flatMap((worker) =>
        worker.trigger.kind === 'stream' ? [{ UUID: `esm-${worker.id}`, EventSourceArn: `arn:aws:dynamodb:${region}:111111111111:table/${tableName('prod', worker.trigger.table)}/stream/2026-01-01T00:00:00.000` }] : [],
      );
      mocked.lambda.on(ListEventSourceMappingsCommand).resolves({ EventSourceMappings: [...streamMappings, { UUID: 'sqs', EventSourceArn: 'arn:aws:sqs:x' }] });
      mocked.lambda.on(UpdateEventSourceMappingCommand).resolves({});
      return [region, mocked];
    }),
  );
  const route53 = new Route53Client({ region: 'us-east-1' });
  const route53Mock = mockClient(route53);
  route53Mock.on(ListResourceRecordSetsCommand).resolves({
    ResourceRecordSets: [
      { Name: 'api.khidma.example.', Type: 'A', SetIdentifier: 'khidma-prod-primary', Failover: 'PRIMARY', HealthCheckId: 'hc-primary' },
      { Name: 'api.khidma.example.', Type: 'A', SetIdentifier: 'khidma-prod-dr', Failover: 'SECONDARY', HealthCheckId: 'hc-dr' },
    ],
  });
  route53Mock.on(UpdateHealthCheckCommand).resolves({});
  const fetched: string[] = [];
  const aws: AwsClients = {
    apis: (region) => clients[region]!.apis,
    events: (region) => clients[region]!.events,
    lambda: (region) => clients[region]!.lambda,
    route53,
    dynamo: (region) => clients[region]!.dynamo,
    fetch: (async (url: string) => {
      fetched.push(url);
      return new Response(JSON.stringify({ status: options.primaryHealthy ? 'ok' : 'degraded' }), { status: options.primaryHealthy ? 200 : 503 });
    }) as typeof fetch,
  };
  return { control: awsRegionControl(config, aws), mocks, route53Mock, fetched };
}

const lines: string[] = [];
const log = (line: string) => lines.push(line);
beforeEach(() => lines.splice(0));

test('--dry-run prints the plan in order and changes nothing', async () => {
  const { control, mocks, route53Mock } = deployedStage({ primaryHealthy: true });
  await runFailover(control, { to: 'dr', dryRun: true, log });
  expect(lines).toEqual([
    'Plan to the dr region:',
    '  1. fence the primary region: its API refuses every request (throttled to zero)',
    `  2. disable in the primary region the schedules: ${scheduledWorkers.join(', ')}`,
    `  3. disable in the primary region the stream consumers: ${streamWorkers.join(', ')}`,
    "  4. open the dr region's API (the stage's throttle)",
    `  5. enable in the dr region the stream consumers: ${streamWorkers.join(', ')}`,
    `  6. enable in the dr region the schedules: ${scheduledWorkers.join(', ')}`,
    "  7. resume in the dr region every application in flight (the reconciler's full pass, without its grace)",
    "  8. point the API's name at the dr region",
    "  9. rebuild in the dr region the KPI aggregates from the applications' events (each region keeps its own)",
  ]);
  for (const region of regions) {
    expect(mocks[region]!.apis.calls()).toHaveLength(0);
    expect(mocks[region]!.events.calls()).toHaveLength(0);
  }
  expect(route53Mock.calls()).toHaveLength(0);
});

test('refuses while the primary still answers its health route, and changes nothing', async () => {
  const { control, mocks, route53Mock, fetched } = deployedStage({ primaryHealthy: true });
  await expect(runFailover(control, { to: 'dr', log })).rejects.toThrow(FailoverRefused);
  expect(fetched).toEqual([`https://api-${config.primaryRegion}.example/v1/health`]);
  expect(mocks[config.drRegion]!.lambda.commandCalls(UpdateEventSourceMappingCommand)).toHaveLength(0);
  expect(route53Mock.commandCalls(UpdateHealthCheckCommand)).toHaveLength(0);
});

test('with the primary region gone: its steps are skipped, the DR region gets every consumer and schedule, DNS moves', async () => {
  const { control, mocks, route53Mock } = deployedStage({ primaryDown: true });
  const { skipped } = await runFailover(control, { to: 'dr', log });
  expect(skipped.map((step) => step.action)).toEqual(['fence', 'schedules', 'streams']);
  const dr = mocks[config.drRegion]!;
  expect(dr.apis.commandCalls(UpdateStageCommand).map((call) => call.args[0].input)).toEqual([
    { ApiId: `api-${config.drRegion}`, StageName: '$default', DefaultRouteSettings: { ThrottlingRateLimit: 2000, ThrottlingBurstLimit: 4000 } },
  ]);
  expect(dr.lambda.commandCalls(UpdateEventSourceMappingCommand).map((call) => call.args[0].input).sort((a, b) => a.UUID!.localeCompare(b.UUID!))).toEqual(
    streamWorkers.map((id) => ({ UUID: `esm-${id}`, Enabled: true })).sort((a, b) => a.UUID.localeCompare(b.UUID)),
  );
  expect(dr.events.commandCalls(EnableRuleCommand).map((call) => call.args[0].input.Name).sort()).toEqual(scheduledWorkers.map((id) => `rule-${id}`).sort());
  expect(dr.events.commandCalls(EnableRuleCommand).map((call) => call.args[0].input.Name)).not.toContain('unrelated');
  // The executions stayed in the lost region: the reconciler's full pass runs in DR at once, without its grace.
  const invoked = dr.lambda.commandCalls(InvokeCommand).map((call) => call.args[0].input);
  expect(invoked.map(({ FunctionName, InvocationType, Payload }) => ({ FunctionName, InvocationType, payload: JSON.parse(new TextDecoder().decode(Payload as Uint8Array)) }))).toEqual([
    { FunctionName: `arn:aws:lambda:${config.drRegion}:111111111111:function:khidma-prod-reconcile`, InvocationType: 'Event', payload: { scope: 'takeover' } },
  ]);
  expect(route53Mock.commandCalls(UpdateHealthCheckCommand).map((call) => call.args[0].input)).toEqual([{ HealthCheckId: 'hc-primary', Inverted: true }]);
  // The KPI aggregates are regional: rebuilt in DR from DR's applications, the flag standing meanwhile.
  expect(dr.dynamo.commandCalls(PutCommand).map((call) => [call.args[0].input.TableName, call.args[0].input.Item?.pk])).toEqual([[tableName('prod', 'metrics'), 'KPIREBUILD']]);
  expect(dr.dynamo.commandCalls(ScanCommand).map((call) => call.args[0].input.TableName).sort()).toEqual([tableName('prod', 'applications'), tableName('prod', 'metrics')]);
  expect(dr.dynamo.commandCalls(DeleteCommand).map((call) => call.args[0].input.Key)).toEqual([{ pk: 'KPIREBUILD', sk: 'FLAG' }]);
  expect(mocks[config.primaryRegion]!.dynamo.calls()).toHaveLength(0);
});

test('--force with the primary still up fences it first and stops its background work, then fails over', async () => {
  const { control, mocks } = deployedStage({ primaryHealthy: true });
  await runFailover(control, { to: 'dr', force: true, log });
  const primary = mocks[config.primaryRegion]!;
  expect(primary.apis.commandCalls(UpdateStageCommand)[0]!.args[0].input.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 0, ThrottlingBurstLimit: 0 });
  expect(primary.events.commandCalls(DisableRuleCommand)).toHaveLength(scheduledWorkers.length);
  expect(primary.lambda.commandCalls(UpdateEventSourceMappingCommand).map((call) => call.args[0].input.Enabled)).toEqual(streamWorkers.map(() => false));
  // The DR region starts nothing before the primary is fenced and stood down.
  const done = lines.filter((line) => line.startsWith('  done: ')).map((line) => line.slice('  done: '.length).split(':')[0]!);
  expect(done.slice(0, 3).every((line) => line.includes('primary region'))).toBe(true);
  expect(done.slice(3).every((line) => line.includes('dr region'))).toBe(true);
});

test('failback points DNS at the primary again and stands the DR region down', async () => {
  const { control, mocks, route53Mock } = deployedStage();
  await runFailover(control, { to: 'primary', log });
  expect(mocks[config.drRegion]!.events.commandCalls(DisableRuleCommand)).toHaveLength(scheduledWorkers.length);
  expect(mocks[config.primaryRegion]!.events.commandCalls(EnableRuleCommand)).toHaveLength(scheduledWorkers.length);
  expect(route53Mock.commandCalls(UpdateHealthCheckCommand).map((call) => call.args[0].input)).toEqual([{ HealthCheckId: 'hc-primary', Inverted: false }]);
});
