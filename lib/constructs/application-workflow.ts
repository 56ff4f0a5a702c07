// The application workflow as CDK builds it: one queue (with its DLQ) per agency and a lean state machine —
// stages in order, the steps of a stage in parallel, each step a task on its agency's queue that waits for
// the officer's decision (task token). No completion state: the last approval approves the application in the
// domain, in the same write that records it, so an application costs 1 + stages + steps transitions (a
// two-stage, two-step one: five). The local cloud runs the definition this construct synthesizes.
import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import {
  DefinitionBody,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  Map as MapState,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { SqsSendMessage } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { WorkflowBinding } from './capability-function';
import { AGENCY_QUEUE_MAX_RECEIVES, AGENCY_QUEUE_VISIBILITY_SECONDS, AGENCY_STEP_STATE, agencyQueueName } from '../platform/workflow';

export interface ApplicationWorkflowProps {
  readonly stage: string;
  /** One task queue (and DLQ) per agency that owns workflow steps. */
  readonly agencyIds: readonly string[];
  /** Where execution history goes (errors only: inputs carry no personal data, but keep logs small). */
  readonly logGroup?: ILogGroup;
  /** Encrypts the queues. @default - SQS-managed keys */
  readonly encryptionKey?: IKey;
}

/**
 * How long an agency step waits for its decision before the execution fails (and the reconciler restarts it:
 * the restarted execution re-sends its steps, decided ones are answered at once, open ones keep their task).
 * Always explicit: the States Language's default is 60 seconds, which aws-local-stepfunctions applies; and
 * under 24.8 days, the longest timer Node can set (the local engine times the task with setTimeout).
 */
export const AGENCY_STEP_TIMEOUT_DAYS = 20;
export const REJECTED_ERROR = 'Rejected';
export const CANCELLED_ERROR = 'Cancelled';

export class ApplicationWorkflow extends Construct {
  public readonly stateMachine: StateMachine;
  /** Who may call the engine: the state machine and the ARN pattern of its executions. */
  public readonly binding: WorkflowBinding;
  public readonly queues: ReadonlyMap<string, { queue: IQueue; deadLetterQueue: IQueue }>;

  constructor(scope: Construct, id: string, props: ApplicationWorkflowProps) {
    super(scope, id);
    const encryption = props.encryptionKey
      ? { encryption: QueueEncryption.KMS, encryptionMasterKey: props.encryptionKey }
      : { encryption: QueueEncryption.SQS_MANAGED };
    this.queues = new Map(
      props.agencyIds.map((agencyId) => {
        const name = agencyQueueName(props.stage, agencyId);
        const deadLetterQueue = new Queue(this, `${agencyId}-dlq`, {
          queueName: `${name}-dlq`,
          retentionPeriod: Duration.days(14),
          enforceSSL: true,
          ...encryption,
          removalPolicy: RemovalPolicy.DESTROY,
        });
        Validations.of(deadLetterQueue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This is the dead-letter queue of the agency task queue' });
        const queue = new Queue(this, agencyId, {
          queueName: name,
          visibilityTimeout: Duration.seconds(AGENCY_QUEUE_VISIBILITY_SECONDS),
          enforceSSL: true,
          ...encryption,
          deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: AGENCY_QUEUE_MAX_RECEIVES },
          removalPolicy: RemovalPolicy.DESTROY,
        });
        return [agencyId, { queue, deadLetterQueue }];
      }),
    );

    // The step's queue is named after its agency; the task sends to whichever one the step names.
    const agencyQueues = Queue.fromQueueAttributes(this, 'AgencyQueues', {
      queueArn: `arn:${Aws.PARTITION}:sqs:${Aws.REGION}:${Aws.ACCOUNT_ID}:${agencyQueueName(props.stage, '*')}`,
      queueUrl: JsonPath.format(`https://sqs.${Aws.REGION}.${Aws.URL_SUFFIX}/${Aws.ACCOUNT_ID}/${agencyQueueName(props.stage, '{}')}`, JsonPath.stringAt('$.step.agencyId')),
      keyArn: props.encryptionKey?.keyArn,
    });
    const agencyStep = new SqsSendMessage(this, AGENCY_STEP_STATE, {
      queue: agencyQueues,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      taskTimeout: Timeout.duration(Duration.days(AGENCY_STEP_TIMEOUT_DAYS)),
      messageBody: TaskInput.fromObject({
        applicationId: JsonPath.stringAt('$.applicationId'),
        stepId: JsonPath.stringAt('$.step.stepId'),
        agencyId: JsonPath.stringAt('$.step.agencyId'),
        slaHours: JsonPath.numberAt('$.step.slaHours'),
        taskToken: JsonPath.taskToken,
      }),
    });
    const steps = new MapState(this, 'Steps', {
      itemsPath: '$.steps',
      itemSelector: { applicationId: JsonPath.stringAt('$.applicationId'), step: JsonPath.stringAt('$$.Map.Item.Value') },
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(agencyStep);
    const stages = new MapState(this, 'Stages', {
      itemsPath: '$.stages',
      maxConcurrency: 1,
      itemSelector: { applicationId: JsonPath.stringAt('$.applicationId'), steps: JsonPath.listAt('$$.Map.Item.Value.steps') },
      resultPath: JsonPath.DISCARD,
    }).itemProcessor(steps);
    stages.addCatch(new Succeed(this, 'Not approved', { comment: 'Rejected or cancelled: the application record already says so' }), {
      errors: [REJECTED_ERROR, CANCELLED_ERROR],
      resultPath: JsonPath.DISCARD,
    });
    const stateMachineName = `khidma-${props.stage}-application`;
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(stages),
      tracingEnabled: true,
      ...(props.logGroup ? { logs: { destination: props.logGroup, level: LogLevel.ERROR, includeExecutionData: false } } : {}),
    });
    const executions = (partition: string, region: string, account: string) => `arn:${partition}:states:${region}:${account}:execution:${stateMachineName}:*`;
    this.binding = {
      stateMachine: this.stateMachine,
      executionsArn: executions(Aws.PARTITION, Aws.REGION, Aws.ACCOUNT_ID),
      executionsArnForNag: executions('<AWS::Partition>', '<AWS::Region>', '<AWS::AccountId>'),
    };
    const role = this.stateMachine.role;
    const acknowledgements: Record<string, string> = {
      'AwsSolutions-IAM5[Resource::*]': 'X-Ray tracing and log delivery actions support no resource-level permissions',
      [`AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:${agencyQueueName(props.stage, '*')}]`]:
        "The agency step sends to the queue its step's agency names: the platform's agency task queues, and only those",
    };
    for (const [id, reason] of Object.entries(acknowledgements)) {
      Validations.of(role).acknowledge({ id, reason });
    }
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-SF1',
      reason: 'Errors are logged; every state change is already in the application record and its events, and ALL-level logs would duplicate citizen data at a cost per transition',
    });
  }
}
