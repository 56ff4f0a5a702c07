// The application workflow as deployed: the state machine CDK builds, the agency queues, the workers'
// triggers in the primary and DR regions, and workflow grants only where the catalogue asks for them.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { routeKey } from '../../lib/catalogue/types';
import { platformQueues, workers } from '../../lib/catalogue/workers';
import { capabilities } from '../../lib/capabilities';
import { stageConfig } from '../../lib/config/stages';
import { workflowAgencyIds } from '../../lib/platform/agencies';
import { buildApp } from '../../lib/stacks/app';
import { apiTemplate } from './api-template';
import budgets from '../../bench/budgets.json';
import type { AgencyTaskMessage } from '../../functions/workflow/ports';
import { LocalWorkflowEngine, type StateTransition } from '../../local/workflow-engine';
import { synthesizeWorkflowDefinition } from '../../local/workflow-definition';
import { until } from '../support/wait';

type Resource = { [key: string]: any };

const config = stageConfig('dev');
const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const stacks = buildApp(app, config);
const primary = apiTemplate(stacks.api);
const dr = apiTemplate(stacks.drApi);

const byDescription = (template: Template, description: string): [string, Resource] => {
  const found = Object.entries(template.findResources('AWS::Lambda::Function', { Properties: { Description: description } }));
  expect(found).toHaveLength(1);
  return found[0]!;
};
const statementsOfFunction = (template: Template, fn: Resource) => {
  const [roleId] = fn.Properties.Role['Fn::GetAtt'];
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>);
};
const statesActions = (template: Template, fn: Resource) =>
  statementsOfFunction(template, fn)
    .flatMap((statement) => [statement.Action].flat())
    .filter((action) => action.startsWith('states:'))
    .sort();

describe('the state machine', () => {
  const definition = synthesizeWorkflowDefinition(config.stage, workflowAgencyIds) as any;

  test('is a Standard state machine with tracing, named for the stage', () => {
    primary.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: `khidma-${config.stage}-application`,
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
    });
  });

  test('runs stages one after another and the steps of a stage in parallel', () => {
    expect(definition.StartAt).toBe('Stages');
    expect(definition.States.Stages).toMatchObject({ Type: 'Map', ItemsPath: '$.stages', MaxConcurrency: 1, End: true });
    const steps = definition.States.Stages.ItemProcessor.States.Steps;
    expect(steps).toMatchObject({ Type: 'Map', ItemsPath: '$.steps' });
    expect(steps.MaxConcurrency ?? 0).toBe(0);
  });

  test("puts each step on its agency's queue and waits for the decision's task token", () => {
    const agencyStep = definition.States.Stages.ItemProcessor.States.Steps.ItemProcessor.States['Agency step'];
    expect(agencyStep.Resource).toBe('arn:aws:states:::sqs:sendMessage.waitForTaskToken');
    // Explicit: without it the local engine applies the States Language's 60-second default and fails every
    // application whose officer takes longer than a minute; and within Node's longest timer (2^31 - 1 ms).
    expect(agencyStep.TimeoutSeconds).toBeGreaterThanOrEqual(7 * 86_400);
    expect(agencyStep.TimeoutSeconds * 1000).toBeLessThan(2 ** 31);
    expect(agencyStep.Parameters['QueueUrl.$']).toContain(`khidma-${config.stage}-tasks-{}`);
    expect(agencyStep.Parameters.MessageBody).toEqual({
      'applicationId.$': '$.applicationId',
      'stepId.$': '$.step.stepId',
      'agencyId.$': '$.step.agencyId',
      'slaHours.$': '$.step.slaHours',
      'taskToken.$': '$$.Task.Token',
    });
  });

  test('ends quietly on a rejection or cancellation, and ends after the last stage (the last approval approved the application)', () => {
    expect(definition.States.Stages.Catch).toEqual([{ ErrorEquals: ['Rejected', 'Cancelled'], ResultPath: null, Next: 'Not approved' }]);
    expect(definition.States['Not approved'].Type).toBe('Succeed');
    expect(JSON.stringify(definition)).not.toContain('lambda:invoke');
  });

  test('is lean: run on the local engine, a one-stage, two-agency application enters 4 states (budget: 15)', async () => {
    expect(Object.keys(definition.States)).toEqual(['Stages', 'Not approved']);
    const transitions: StateTransition[] = [];
    const engine: LocalWorkflowEngine = new LocalWorkflowEngine({
      definition,
      // Each agency approves as soon as its message is on its queue.
      sendToQueue: async (_queue, body) => {
        const { taskToken, stepId } = JSON.parse(body) as AgencyTaskMessage;
        setImmediate(() => void engine.sendTaskSuccess(taskToken, { stepId, decision: 'approve' }));
      },
      onTransition: (_applicationId, transition) => void transitions.push(transition),
    });
    const steps = [
      { stepId: 'insurance-check', agencyId: 'dvld', slaHours: 24 },
      { stepId: 'fines-check', agencyId: 'gam', slaHours: 24 },
    ];
    await engine.start({ applicationId: '01JLEANAPPLICATION00000000', stages: [{ steps }] });
    await until('the execution to leave its last state', async () => transitions.some((transition) => transition.type === 'StateExited' && transition.state === 'Stages'));

    // Billed as Step Functions Standard bills them: every state entered, and every retry.
    const entered = transitions.filter((transition) => transition.type !== 'StateExited').map((transition) => transition.state);
    expect(entered.sort()).toEqual(['Agency step', 'Agency step', 'Stages', 'Steps']);
    expect(entered.length).toBeLessThanOrEqual(budgets.cost.maxTransitionsPerApplication);
  });
});

describe.each([
  ['primary', primary, true],
  ['DR', dr, false],
] as const)('%s region', (_name, template, active) => {
  test('has one task queue per agency, each with a DLQ after 5 receives', () => {
    for (const agencyId of workflowAgencyIds) {
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `khidma-${config.stage}-tasks-${agencyId}`,
        VisibilityTimeout: 60,
        RedrivePolicy: { maxReceiveCount: 5 },
      });
      template.hasResourceProperties('AWS::SQS::Queue', { QueueName: `khidma-${config.stage}-tasks-${agencyId}-dlq` });
    }
  });

  test('feeds every agency queue to the task consumer with partial batch failures', () => {
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter((mapping) =>
      String(mapping.Properties.EventSourceArn?.['Fn::GetAtt']?.[0]).startsWith('WorkersWorkflow'),
    );
    expect(mappings).toHaveLength(workflowAgencyIds.length);
    for (const mapping of mappings) {
      expect(mapping.Properties).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    }
  });

  test('feeds each platform queue to its worker with partial batch failures, and dead-letters after its receives', () => {
    for (const worker of workers) {
      if (worker.trigger.kind !== 'queue') {
        continue;
      }
      const { queue: name, batchSize } = worker.trigger;
      const definition = platformQueues.find((candidate) => candidate.name === name)!;
      const [functionId] = byDescription(template, worker.description);
      const [queueId] = Object.entries(template.findResources('AWS::SQS::Queue', { Properties: { QueueName: `khidma-${config.stage}-${name}` } })).map(([id]) => id);
      template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `khidma-${config.stage}-${name}`,
        VisibilityTimeout: definition.visibilitySeconds,
        RedrivePolicy: { maxReceiveCount: definition.maxReceives },
      });
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
        FunctionName: { Ref: functionId },
        BatchSize: batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    }
  });

  test(`consumes every stream the catalogue lists, ${active ? 'enabled' : 'provisioned disabled until failover'}`, () => {
    const streams = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter((mapping) => mapping.Properties.StartingPosition);
    // The applications outbox to the bus, the engagement table's (complaint events) to notifications, the registry's identity links to the mirror.
    const streamWorkers = workers.filter((worker) => worker.trigger.kind === 'stream');
    expect(streams).toHaveLength(streamWorkers.length);
    for (const stream of streams) {
      expect(stream.Properties).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
      expect(stream.Properties.Enabled).toBe(active ? undefined : false);
      // The replica's own stream, read at deployment (its ARN carries the replica's creation time).
      expect(JSON.stringify(stream.Properties.EventSourceArn).includes('Table.LatestStreamArn')).toBe(!active);
    }
    const patterns = streams.map((stream) => JSON.parse(stream.Properties.FilterCriteria.Filters[0].Pattern));
    expect(patterns).toEqual(
      expect.arrayContaining([
        { eventName: ['INSERT'], dynamodb: { Keys: { sk: { S: [{ prefix: 'EVT#' }] } } } },
        { eventName: ['INSERT', 'MODIFY'], dynamodb: { Keys: { pk: { S: [{ prefix: 'IDENTITY#' }] } } } },
      ]),
    );
  });

  test(`runs the sweeps on a schedule, ${active ? 'enabled' : 'disabled until failover'}`, () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule')).filter((rule) => rule.Properties.ScheduleExpression);
    const scheduled = workers.filter((worker) => worker.trigger.kind === 'schedule');
    expect(rules).toHaveLength(scheduled.length);
    for (const rule of rules) {
      expect(rule.Properties.State).toBe(active ? 'ENABLED' : 'DISABLED');
    }
  });

  test('grants SES or SNS only to the workers that send on that channel, and queue sends only where declared', () => {
    const queueIds = new Map(
      platformQueues.map((queue) => [Object.keys(template.findResources('AWS::SQS::Queue', { Properties: { QueueName: `khidma-${config.stage}-${queue.name}` } }))[0]!, queue.name]),
    );
    for (const worker of workers) {
      const [, fn] = byDescription(template, worker.description);
      const statements = statementsOfFunction(template, fn) as Array<{ Action: string | string[]; Resource: unknown }>;
      const actions = statements.flatMap((statement) => [statement.Action].flat());
      expect({ id: worker.id, ses: actions.includes('ses:SendEmail'), sns: actions.includes('sns:Publish') }).toEqual({
        id: worker.id,
        ses: worker.messaging?.includes('email') ?? false,
        sns: worker.messaging?.includes('sms') ?? false,
      });
      const sendsTo = statements
        .filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'))
        .flatMap((statement) => [statement.Resource].flat() as Array<{ 'Fn::GetAtt'?: [string, string] }>)
        .map((resource) => queueIds.get(resource['Fn::GetAtt']?.[0] ?? ''))
        .filter(Boolean)
        .sort();
      expect({ id: worker.id, sendsTo }).toEqual({ id: worker.id, sendsTo: [...(worker.sendsTo ?? [])].sort() });
    }
  });

  test('routes the domain events each event worker consumes from the platform bus, with a DLQ', () => {
    for (const worker of workers) {
      if (worker.trigger.kind !== 'events') {
        continue;
      }
      const [id] = byDescription(template, worker.description);
      const rules = Object.values(template.findResources('AWS::Events::Rule', { Properties: { Description: worker.description } }));
      expect(rules).toHaveLength(1);
      expect(rules[0]!.Properties).toMatchObject({
        EventBusName: { Ref: Object.keys(template.findResources('AWS::Events::EventBus'))[0] },
        EventPattern: { source: ['khidma.applications'], 'detail-type': [...worker.trigger.detailTypes] },
        Targets: [{ Arn: { 'Fn::GetAtt': [id, 'Arn'] }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } }, RetryPolicy: { MaximumRetryAttempts: 8 } }],
      });
    }
  });

  test('gives workflow actions only to the capabilities and workers that declare them', () => {
    const expected: Record<string, string[]> = {
      start: ['states:DescribeExecution', 'states:StartExecution'],
      sendTaskResult: ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'],
      stop: ['states:StopExecution'],
    };
    const callers = [
      ...capabilities.map((capability) => ({ id: capability.id, description: routeKey(capability.route), workflow: capability.workflow })),
      ...workers.map((worker) => ({ id: worker.id, description: worker.description, workflow: worker.workflow })),
    ];
    for (const caller of callers) {
      const [, fn] = byDescription(template, caller.description);
      const wanted = [...new Set((caller.workflow ?? []).flatMap((action) => expected[action]!))].sort();
      expect({ id: caller.id, actions: statesActions(template, fn) }).toEqual({ id: caller.id, actions: wanted });
    }
  });
});
