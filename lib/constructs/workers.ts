// The background functions of the worker catalogue with their triggers: the agency queues' consumer, the
// state machine's completion task, the outbox stream publisher, and the scheduled sweeps. Also the event
// bus and the application workflow itself, which both the workers and the API capabilities use.
import { Duration, type RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { StageConfig } from '../config/stages';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { EventSourceMapping, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { type PlatformQueue, platformQueueName, platformQueues, type Worker, workers as catalogue } from '../catalogue/workers';
import { type FailureSource, failureQueueName, outboxStreamFilter, type StreamFilter } from '../catalogue/worker-types';
import { homeOf, streamFilterCriteria } from './worker-placement';
import { replicaStreamArn } from './replica-stream';
import { EVENT_SOURCE } from '../platform/workflow';
import type { TableId } from '../platform/tables';
import { ApplicationWorkflow } from './application-workflow';
import type { UploadBucket } from './upload-bucket';
import { CapabilityFunction, type PaymentProviderBinding } from './capability-function';
import { paymentProvider } from './payment-provider';
import { grantAuditCheckpoints } from './audit-checkpoint-bucket';
import { pascalCase } from '../stacks/names';
import { OPEN_DATA_CLOUDFRONT_LOG_PREFIX, OPEN_DATA_KEY_PREFIX, openDataBucketName, openDataLogBucketName } from '../platform/open-data';

export interface WorkersProps {
  readonly stage: string;
  readonly agencyIds: readonly string[];
  readonly tables: Readonly<Record<TableId, ITableV2>>;
  /**
   * The primary region runs the stream consumers and the schedules. In the DR region both are created
   * disabled (the replica's stream ARN read at deployment by a custom resource): `npm run failover` enables them.
   */
  readonly active: boolean;
  /** This region's user pool, and the other region's (the identity mirror's target). */
  readonly userPool?: IUserPool;
  readonly standbyUserPool?: IUserPool;
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy?: RemovalPolicy;
  readonly environment?: Readonly<Record<string, string>>;
  /** @default - the worker catalogue in lib/catalogue/workers.ts */
  readonly workers?: readonly Worker[];
  /** The sender of citizens' email and SMS (for workers that declare `messaging`). */
  readonly messaging: StageConfig['messaging'];
  /** @default - the platform queues of the worker catalogue */
  readonly queues?: readonly PlatformQueue[];
  /** The document upload bucket (its own nested stack: the workers' stack is near CloudFormation's limit). */
  readonly uploads: UploadBucket;
  /** Concurrency of the agency queues' consumer per queue (from the capacity plan). @default - no limit */
  readonly agencyQueueMaximumConcurrency?: number;
  /** The region of the open-data buckets (the portal stack's, the primary). @default - this stack's region */
  readonly openDataRegion?: string;
  /** The stage's bill-presentment provider (its API's base URL). */
  readonly payments: StageConfig['payments'];
  /** Where workers with a `home` are built (their own nested stacks), by home. */
  readonly homes?: Readonly<Partial<Record<NonNullable<Worker['home']>, Construct>>>;
}

export class Workers extends Construct {
  public readonly workflow: ApplicationWorkflow;
  public readonly eventBus: EventBus;
  /** Signs issued documents (ECC_NIST_P256); only the issuing worker may sign, the JWKS route reads its public key. */
  public readonly documentSigningKey: Key;
  /** Citizens' uploaded documents, scanned by GuardDuty (lib/constructs/upload-bucket.ts). */
  public readonly uploads: UploadBucket;
  /** The provider's URL and the secret its notifications are signed with (only the notification route reads it). */
  public readonly paymentProvider: PaymentProviderBinding;
  public readonly functions: ReadonlyMap<string, CapabilityFunction>;
  public readonly queues: ReadonlyMap<string, Queue>;
  /** Every queue that holds another's failures (DLQs, stream and event-rule failure queues), for alarms. */
  public readonly deadLetterQueues: { of: string; queue: Queue }[] = [];

  constructor(scope: Construct, id: string, props: WorkersProps) {
    super(scope, id);
    const workers = props.workers ?? catalogue;
    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: `khidma-${props.stage}-events` });
    this.documentSigningKey = new Key(this, 'DocumentSigningKey', {
      description: `Khidma ${props.stage}: signs issued documents (JWS ES256); its public key is published at /.well-known/jwks.json`,
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      alias: `alias/khidma-${props.stage}-document-issuer`,
      removalPolicy: props.logRemovalPolicy,
    });
    this.uploads = props.uploads;
    this.paymentProvider = paymentProvider(this, props.stage, props.payments.providerUrl, props.logRemovalPolicy);
    const functions = new Map(
      workers.map((worker) => {
        const handler = new CapabilityFunction(homeOf(this, worker, props), pascalCase(worker.id), {
          entry: worker.entry,
          logRetention: props.logRetention,
          logRemovalPolicy: props.logRemovalPolicy,
          timeoutSeconds: worker.timeoutSeconds,
          description: worker.description,
          environment: { ...props.environment, POWERTOOLS_SERVICE_NAME: worker.id },
        });
        this.bind(worker, handler, props);
        return [worker.id, handler] as const;
      }),
    );
    this.functions = functions;

    this.workflow = new ApplicationWorkflow(this, 'Workflow', {
      stage: props.stage,
      agencyIds: props.agencyIds,
      logGroup: new LogGroup(this, 'WorkflowLogs', { retention: props.logRetention, removalPolicy: props.logRemovalPolicy }),
    });

    this.queues = new Map(
      (props.queues ?? platformQueues).map((definition) => {
        const name = platformQueueName(props.stage, definition.name);
        const deadLetterQueue = new Queue(this, `${pascalCase(definition.name)}Dlq`, {
          queueName: `${name}-dlq`,
          retentionPeriod: Duration.days(14),
          enforceSSL: true,
          encryption: QueueEncryption.SQS_MANAGED,
        });
        Validations.of(deadLetterQueue).acknowledge({ id: 'AwsSolutions-SQS3', reason: `This is the dead-letter queue of ${name}` });
        this.deadLetterQueues.push({ of: definition.name, queue: deadLetterQueue });
        const queue = new Queue(this, `${pascalCase(definition.name)}Queue`, {
          queueName: name,
          visibilityTimeout: Duration.seconds(definition.visibilitySeconds),
          enforceSSL: true,
          encryption: QueueEncryption.SQS_MANAGED,
          deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceives },
        });
        return [definition.name, queue] as const;
      }),
    );

    for (const worker of workers) {
      const handler = functions.get(worker.id)!;
      for (const queueName of worker.sendsTo ?? []) {
        const queue = this.queues.get(queueName);
        if (!queue) {
          throw new Error(`${worker.id} sends to unknown queue ${queueName}`);
        }
        queue.grantSendMessages(handler.function);
        queue.grant(handler.function, 'sqs:GetQueueUrl');
      }
      if (worker.workflow) {
        handler.bindWorkflow(this.workflow.binding, worker.workflow);
      }
      this.trigger(worker, handler, props);
    }
  }

  /** Tables, the signing key, messaging, user pools and the event bus, as the catalogue entry lists them. */
  private bind(worker: Worker, handler: CapabilityFunction, props: WorkersProps): void {
    handler.bindTables(worker.tables, props.tables);
    if (worker.documentSigning) {
      handler.bindDocumentSigner(this.documentSigningKey, worker.documentSigning);
    }
    if (worker.uploads) {
      handler.bindUploads(this.uploads, worker.uploads);
    }
    handler.bindPaymentProvider(this.paymentProvider, worker.paymentProvider);
    if (worker.messaging?.length) {
      this.grantMessaging(handler, worker.messaging, props.messaging);
    }
    if (worker.userPools) {
      bindUserPools(handler, worker.userPools, props);
    }
    if (worker.publishesEvents) {
      handler.function.addEnvironment('EVENT_BUS_NAME', this.eventBus.eventBusName);
      this.eventBus.grantPutEventsTo(handler.function);
    }
    if (worker.openData) {
      bindOpenData(handler, worker.openData, props);
    }
    if (worker.auditCheckpoints) {
      grantAuditCheckpoints(handler, props.stage, worker.auditCheckpoints);
    }
  }

  /** SES sending from the platform's verified domain; SMS to phone numbers (SNS has no ARN for those). */
  private grantMessaging(handler: CapabilityFunction, channels: readonly ('email' | 'sms')[], messaging: StageConfig['messaging']): void {
    const stack = Stack.of(this);
    if (channels.includes('email')) {
      handler.function.addEnvironment('NOTIFICATIONS_FROM_EMAIL', messaging.fromEmail);
      handler.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: messaging.emailDomain })],
        }),
      );
    }
    if (channels.includes('sms')) {
      handler.function.addEnvironment('SMS_SENDER_ID', messaging.smsSenderId);
      handler.function.addToRolePolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
      Validations.of(handler.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'SNS publishes SMS straight to phone numbers, which have no ARN; the role may publish, nothing else',
      });
    }
  }

  /**
   * A stream consumer with its on-failure queue. The primary's table knows its stream ARN; a replica's is read at
   * deployment, and its mapping is created disabled: the stand-by region must not act on replicated writes.
   */
  private streamTrigger(
    worker: Worker,
    tableId: TableId,
    trigger: { readonly batchSize: number; readonly filter?: StreamFilter },
    handler: CapabilityFunction,
    props: WorkersProps,
  ): void {
    const table = props.tables[tableId];
    const home = homeOf(this, worker, props);
    const failures = this.failureQueue(`${pascalCase(worker.id)}Failures`, worker, 'stream', props);
    const options = {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: trigger.batchSize,
      reportBatchItemFailures: true,
      retryAttempts: 20,
      onFailure: new SqsDlq(failures),
      filters: [streamFilterCriteria(trigger.filter ?? outboxStreamFilter)],
      // The stand-by region's consumers exist but wait: failover enables them (`npm run failover`).
      ...(props.active ? {} : { enabled: false }),
    };
    if (table.tableStreamArn) {
      handler.function.addEventSource(new DynamoEventSource(table, options));
      return;
    }
    const streamArn = replicaStreamArn(home, table, { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });
    new EventSourceMapping(home, `${pascalCase(worker.id)}Stream`, {
      target: handler.function,
      eventSourceArn: streamArn,
      ...options,
    });
    handler.function.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], resources: [streamArn] }),
    );
    failures.grantSendMessages(handler.function);
    table.encryptionKey?.grantDecrypt(handler.function);
  }

  /** The queue a worker's failures land in (its stream's on-failure destination, its event rule's DLQ), alarmed. */
  private failureQueue(id: string, worker: Worker, source: FailureSource, props: WorkersProps): Queue {
    const queue = new Queue(homeOf(this, worker, props), id, { queueName: failureQueueName(props.stage, worker.id, source), retentionPeriod: Duration.days(14), enforceSSL: true, encryption: QueueEncryption.SQS_MANAGED });
    Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: `This queue is itself the failure destination of the ${source === 'event' ? 'event rule target' : 'stream'}` });
    this.deadLetterQueues.push({ of: `${worker.id}-${source === 'event' ? 'events' : 'stream'}`, queue });
    return queue;
  }

  /** Its rules are built in the worker's home, beside its function and failure queue: a home uses the workers' stack (the bus, the queues), never the other way round. */
  private trigger(worker: Worker, handler: CapabilityFunction, props: WorkersProps): void {
    const { trigger } = worker;
    const home = homeOf(this, worker, props);
    switch (trigger.kind) {
      case 'agency-queues':
        for (const { queue } of this.workflow.queues.values()) {
          handler.function.addEventSource(
            new SqsEventSource(queue, { batchSize: trigger.batchSize, reportBatchItemFailures: true, maxConcurrency: props.agencyQueueMaximumConcurrency }),
          );
        }
        return;
      case 'stream': {
        this.streamTrigger(worker, trigger.table, trigger, handler, props);
        return;
      }
      case 'schedule':
        new Rule(home, `${pascalCase(worker.id)}Schedule`, {
          schedule: trigger.atUtc
            ? Schedule.cron({ hour: String(trigger.atUtc.hour), minute: String(trigger.atUtc.minute) })
            : Schedule.rate(Duration.minutes(trigger.everyMinutes)),
          targets: [new LambdaTarget(handler.function)],
          enabled: props.active,
          description: `${worker.description} (every ${trigger.everyMinutes} min)`,
        });
        return;
      case 'queue': {
        const queue = this.queues.get(trigger.queue);
        if (!queue) {
          throw new Error(`${worker.id} consumes unknown queue ${trigger.queue}`);
        }
        handler.function.addEventSource(new SqsEventSource(queue, { batchSize: trigger.batchSize, reportBatchItemFailures: true }));
        return;
      }
      case 'events':
      case 'aws-events': {
        const failures = this.failureQueue(`${pascalCase(worker.id)}EventFailures`, worker, 'event', props);
        // Domain events on the platform's bus; an AWS service's (GuardDuty's scan results) on the default bus, of the upload bucket only.
        const pattern =
          trigger.kind === 'events'
            ? { eventBus: this.eventBus, eventPattern: { source: [EVENT_SOURCE], detailType: [...trigger.detailTypes] } }
            : { eventPattern: { source: [trigger.source], detailType: [...trigger.detailTypes], detail: { s3ObjectDetails: { bucketName: [this.uploads.bucket.bucketName] } } } };
        new Rule(home, `${pascalCase(worker.id)}Events`, {
          ...pattern,
          targets: [new LambdaTarget(handler.function, { retryAttempts: 8, maxEventAge: Duration.hours(6), deadLetterQueue: failures })],
          description: worker.description,
        });
        return;
      }
    }
  }
}

/** This region's pool (USER_POOL_*) and the other region's (STANDBY_USER_POOL_*; none: nothing to mirror to), each with exactly the listed actions. */
function bindUserPools(handler: CapabilityFunction, actions: NonNullable<Worker['userPools']>, props: WorkersProps): void {
  const { userPool, standbyUserPool } = props;
  if (!userPool) {
    throw new Error("a worker that mirrors identities needs this region's user pool");
  }
  handler.function.addEnvironment('USER_POOL_ID', userPool.userPoolId);
  handler.function.addEnvironment('USER_POOL_REGION', Stack.of(userPool).region);
  userPool.grant(handler.function, ...actions.own.map((action) => `cognito-idp:${action}`));
  if (standbyUserPool) {
    handler.function.addEnvironment('STANDBY_USER_POOL_ID', standbyUserPool.userPoolId);
    handler.function.addEnvironment('STANDBY_USER_POOL_REGION', Stack.of(standbyUserPool).region);
    standbyUserPool.grant(handler.function, ...actions.standby.map((action) => `cognito-idp:${action}`));
  }
}

/**
 * The open-data buckets by name (the portal stack, deployed after this one, holds them): the exporter reads and
 * writes the files under open-data/; the download counter reads and removes the CloudFront logs. Listing is
 * granted on the prefix only, so that a missing file answers NoSuchKey rather than AccessDenied.
 */
function bindOpenData(handler: CapabilityFunction, use: NonNullable<Worker['openData']>, props: WorkersProps): void {
  const stack = Stack.of(handler);
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const [bucket, prefix, actions, variable] =
    use === 'publish'
      ? [openDataBucketName(props.stage, stack.account), OPEN_DATA_KEY_PREFIX, ['s3:GetObject', 's3:PutObject'], 'OPEN_DATA_BUCKET']
      : [openDataLogBucketName(props.stage, stack.account), OPEN_DATA_CLOUDFRONT_LOG_PREFIX, ['s3:GetObject', 's3:DeleteObject'], 'OPEN_DATA_LOG_BUCKET'];
  handler.function.addEnvironment(variable, bucket);
  handler.function.addEnvironment('OPEN_DATA_BUCKET_REGION', props.openDataRegion ?? stack.region);
  handler.function.addToRolePolicy(new PolicyStatement({ actions, resources: [`arn:aws:s3:::${bucket}/${prefix}*`] }));
  handler.function.addToRolePolicy(
    new PolicyStatement({ actions: ['s3:ListBucket'], resources: [`arn:aws:s3:::${bucket}`], conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } } }),
  );
  const named = use === 'publish' ? openDataBucketName(props.stage, account) : openDataLogBucketName(props.stage, account);
  Validations.of(handler.role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:aws:s3:::${named}/${prefix}*]`,
    reason: use === 'publish' ? 'The exporter writes every file of the open data, all under open-data/ and nothing else' : 'The counter reads and removes the CloudFront log files, all under cloudfront/ and nothing else',
  });
}
