// One Lambda function with the platform's fixed runtime settings, its own log group and role, and table and user-pool bindings.
import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { type ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { TableAccess, UploadAccess, UserPoolAction, WorkflowAction } from '../catalogue/types';
import { uploadObjectsArn, uploadObjectsArnForNag, uploadBucketName } from './upload-bucket';
import { type TableId, tableDefinitions, tableEnvName } from '../platform/tables';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { bundleDefines } from '../openapi-bundle';

const repositoryRoot = path.resolve(__dirname, '../..');

/** ESM bundles still meet CommonJS-only dependencies that call `require`. */
const esmRequireBanner = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * Lambda gives a function its credentials in environment variables, so the SDK's default provider chain is
 * replaced by the environment provider alone (functions/shared/lambda-credentials.ts says why); the DynamoDB
 * client's endpoint cache gets a Map-based LRU (functions/shared/lru-cache.ts); the SDK's event-stream support, which
 * no service the functions call uses, a stub (functions/shared/no-event-streams.ts). esbuild runs in the project root
 * (NodejsFunction's local bundling), where the relative paths resolve.
 */
const aliases = [
  '@aws-sdk/credential-provider-node=./functions/shared/lambda-credentials.ts',
  'mnemonist/lru-cache=./functions/shared/lru-cache.ts',
  '@smithy/core/event-streams=./functions/shared/no-event-streams.ts',
  'node:stream/web=./functions/shared/middy-streams.ts',
  'node:stream/promises=./functions/shared/middy-streams.ts',
];

export interface CapabilityFunctionProps {
  /** Handler module relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly logRetention: RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** @default 256 */
  readonly memoryMb?: number;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default - no variables */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default - no description */
  readonly description?: string;
  /** Files (from the repository root) copied beside the bundle, read at run time from LAMBDA_TASK_ROOT. @default - none */
  readonly bundledFiles?: readonly string[];
}

/** Bundling hooks that copy files (fonts) into the package beside index.mjs. */
function copyBeside(files: readonly string[]) {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => files.map((file) => `cp "${path.join(inputDir, file)}" "${outputDir}/"`),
  };
}

/** The stage's bill-presentment provider: its API's base URL and the secret its notifications are signed with. */
export interface PaymentProviderBinding {
  readonly url: string;
  readonly notificationSecret: ISecret;
}

export class CapabilityFunction extends Construct {
  public readonly function: NodejsFunction;
  public readonly logGroup: LogGroup;
  public readonly role: Role;

  constructor(scope: Construct, id: string, props: CapabilityFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    // A customer policy scoped to this log group instead of the AWSLambdaBasicExecutionRole managed policy.
    this.logGroup.grantWrite(this.role);
    const define = bundleDefines(props.entry);
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(repositoryRoot, props.entry),
      handler: 'handler',
      projectRoot: repositoryRoot,
      depsLockFilePath: path.join(repositoryRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memoryMb ?? 256,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      description: props.description,
      // No --enable-source-maps: it parses the source map at every cold start (functions/shared/source-stack.ts
      // maps a logged error's frames on demand instead).
      environment: { ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        banner: esmRequireBanner,
        // Arabic text (messages, templates) as UTF-8, 2 bytes a letter, not \uXXXX escapes of 6.
        charset: Charset.UTF8,
        // The pinned SDK the tests ran against, not whatever version the runtime ships.
        bundleAwsSDK: true,
        esbuildArgs: { '--alias': aliases },
        // What a function would otherwise compute at each cold start (lib/openapi-bundle.ts).
        ...(define ? { define } : {}),
        ...(props.bundledFiles?.length ? { commandHooks: copyBeside(props.bundledFiles) } : {}),
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'nodejs22.x is the platform runtime the code and tests target; moving to a newer runtime is a tracked upgrade',
    });
  }

  /**
   * Least privilege derived from the catalogue. The table grants come from the L2 (with the table's key);
   * index reads are granted per named index rather than the L2's `index/*`.
   */
  public bindTable(binding: TableBinding): void {
    const { table, access } = binding;
    this.function.addEnvironment(binding.environmentName, table.tableName);
    const tableOnly = TableV2.fromTableAttributes(this, `${table.node.id}Access`, {
      tableArn: table.tableArn,
      encryptionKey: table.encryptionKey,
    });
    grants[access](tableOnly, this.function);
    if (readsItems(access) && binding.indexNames.length > 0) {
      this.function.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:Query', 'dynamodb:Scan'],
          resources: binding.indexNames.map((name) => `${table.tableArn}/index/${name}`),
        }),
      );
    }
    if (writesItems(access) && table.encryptionKey) {
      for (const action of ['kms:ReEncrypt*', 'kms:GenerateDataKey*']) {
        Validations.of(this.role).acknowledge({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: "Writes to a table encrypted with a customer-managed key need KMS data-key actions; scoped to that table's key",
        });
      }
    }
  }

  /**
   * The state machine's ARN and exactly the calls listed: start (with the describe the reconciler's resume
   * needs), task results, stop.
   */
  public bindWorkflow(workflow: WorkflowBinding, actions: readonly WorkflowAction[]): void {
    const { stateMachine } = workflow;
    this.function.addEnvironment('WORKFLOW_STATE_MACHINE_ARN', stateMachine.stateMachineArn);
    const onExecutions = (...executionActions: string[]) => {
      this.function.addToRolePolicy(new PolicyStatement({ actions: executionActions, resources: [workflow.executionsArn] }));
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${workflow.executionsArnForNag}]`,
        reason: "Executions are named after applications: the grant covers this state machine's executions only",
      });
    };
    if (actions.includes('start')) {
      stateMachine.grantStartExecution(this.function);
      onExecutions('states:DescribeExecution');
    }
    if (actions.includes('sendTaskResult')) {
      stateMachine.grantTaskResponse(this.function);
    }
    if (actions.includes('stop')) {
      onExecutions('states:StopExecution');
    }
  }

  /**
   * The document issuer's asymmetric KMS key: its id for the SDK, kms:GetPublicKey to publish it, and kms:Sign
   * only for `sign` (the issuing function alone).
   */
  public bindDocumentSigner(key: IKey, mode: 'publicKey' | 'sign'): void {
    this.function.addEnvironment('DOCUMENT_SIGNING_KEY_ID', key.keyArn);
    key.grant(this.function, 'kms:GetPublicKey', ...(mode === 'sign' ? ['kms:Sign'] : []));
  }

  /**
   * The upload bucket's name, and exactly what the access needs on objects under uploads/: presigning a POST
   * (PutObject with its tagging, a data key), a GET (GetObject, decrypt), or retagging (read and write tags).
   */
  public bindUploads(uploads: { readonly stage: string; readonly key: IKey }, access: readonly UploadAccess[]): void {
    this.function.addEnvironment('UPLOAD_BUCKET', uploadBucketName(uploads.stage));
    const actions: Record<UploadAccess, string[]> = { post: ['s3:PutObject', 's3:PutObjectTagging'], get: ['s3:GetObject'], tag: ['s3:GetObjectTagging', 's3:PutObjectTagging'] };
    this.function.addToRolePolicy(new PolicyStatement({ actions: [...new Set(access.flatMap((each) => actions[each]))], resources: [uploadObjectsArn(uploads.stage)] }));
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${uploadObjectsArnForNag(uploads.stage)}]`,
      reason: 'Uploads are objects named by upload id under the uploads prefix; the grant covers that prefix of the upload bucket only',
    });
    const keyActions = [...(access.includes('post') ? ['kms:GenerateDataKey'] : []), ...(access.includes('get') ? ['kms:Decrypt'] : [])];
    if (keyActions.length > 0) {
      uploads.key.grant(this.function, ...keyActions);
    }
  }

  /** `call`: the provider's URL; `verify`: read access to the notification secret, nothing else; none: nothing. */
  public bindPaymentProvider(binding: PaymentProviderBinding, mode: 'call' | 'verify' | undefined): void {
    if (!mode) {
      return;
    }
    if (mode === 'call') {
      this.function.addEnvironment('PAYMENT_PROVIDER_URL', binding.url);
      return;
    }
    this.function.addEnvironment('PAYMENT_NOTIFICATION_SECRET_ARN', binding.notificationSecret.secretArn);
    binding.notificationSecret.grantRead(this.function);
  }

  /** Binds every table the catalogue entry lists, with the access it lists. */
  public bindTables(access: Partial<Record<TableId, TableAccess>>, tables: Readonly<Record<TableId, ITableV2>>): void {
    for (const definition of tableDefinitions) {
      const level = access[definition.id];
      if (level) {
        this.bindTable({
          table: tables[definition.id],
          access: level,
          environmentName: tableEnvName(definition.id),
          indexNames: definition.indexes.map((index) => index.name),
        });
      }
    }
  }

  /** The pool and portal client ids for the SDK, and exactly the admin actions listed (none for public sign-up calls). */
  public bindUserPool(binding: UserPoolBinding): void {
    this.function.addEnvironment('USER_POOL_ID', binding.userPool.userPoolId);
    this.function.addEnvironment('USER_POOL_CLIENT_ID', binding.client.userPoolClientId);
    // The pool's own region: the SDK client must not fall back to the function's region (a pool is regional).
    this.function.addEnvironment('USER_POOL_REGION', Stack.of(binding.userPool).region);
    if (binding.actions.length > 0) {
      binding.userPool.grant(this.function, ...binding.actions.map((action) => `cognito-idp:${action}`));
    }
  }
}

export interface WorkflowBinding {
  readonly stateMachine: IStateMachine;
  /** ARN pattern of the state machine's executions. */
  readonly executionsArn: string;
  /** The same pattern as cdk-nag prints it (pseudo parameters as <AWS::...>). */
  readonly executionsArnForNag: string;
}

export interface UserPoolBinding {
  readonly userPool: IUserPool;
  /** The app client whose id public sign-up calls (SignUp, ConfirmSignUp) present. */
  readonly client: IUserPoolClient;
  readonly actions: readonly UserPoolAction[];
}

export interface TableBinding {
  readonly table: ITableV2;
  readonly access: TableAccess;
  /** The variable the handler reads the table name from. */
  readonly environmentName: string;
  /** Global secondary indexes the function may query when it reads. */
  readonly indexNames: readonly string[];
}

const readsItems = (access: TableAccess) => access === 'read' || access === 'readwrite' || access === 'append';
const writesItems = (access: TableAccess) => access === 'write' || access === 'readwrite' || access === 'append';

const grants: Record<TableAccess, (table: ITableV2, grantee: IGrantable) => void> = {
  read: (table, grantee) => table.grantReadData(grantee),
  write: (table, grantee) => table.grantWriteData(grantee),
  readwrite: (table, grantee) => table.grantReadWriteData(grantee),
  // Read, plus PutItem (conditional on attribute_not_exists, alone or in a transaction) with the key's write actions.
  append: (table, grantee) => {
    table.grantReadData(grantee);
    table.grant(grantee, 'dynamodb:PutItem');
    table.encryptionKey?.grant(grantee, 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*');
  },
  describe: (table, grantee) => table.grant(grantee, 'dynamodb:DescribeTable'),
};
