// One catalogue capability on the HTTP API: its function, environment, table and user-pool grants, and route.
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { type RemovalPolicy, Validations } from 'aws-cdk-lib';
import { type IHttpApi, HttpMethod, HttpRoute, HttpRouteKey, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type Capability, routeKey } from '../catalogue/types';
import type { TableId } from '../platform/tables';
import { CapabilityFunction, type PaymentProviderBinding, type WorkflowBinding } from './capability-function';
import { bindQueueOperations } from './queue-operations';
import { grantAuditCheckpoints } from './audit-checkpoint-bucket';

export interface CapabilityEndpointProps {
  readonly capability: Capability;
  /** The region's one HTTP API; the route is created here, in the endpoint's own (domain) stack. */
  readonly api: IHttpApi;
  /** Attached unless the route's access is `public`. */
  readonly authorizer: IHttpRouteAuthorizer;
  readonly tables: Readonly<Record<TableId, ITableV2>>;
  /** Bound when the capability declares `userPool`. */
  readonly userPool: IUserPool;
  /** The client whose id public sign-up calls present (the portal). */
  readonly userPoolClient: IUserPoolClient;
  readonly logRetention: RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** Bound when the capability declares `workflow`. */
  readonly workflow?: WorkflowBinding;
  /** The document issuer's key, for capabilities with `documentSigning`. */
  readonly documentSigningKey?: IKey;
  /** The upload bucket and its key, for capabilities with `uploads`. */
  readonly uploads?: { readonly stage: string; readonly key: IKey };
  /** The bill-presentment provider, for capabilities with `paymentProvider`. */
  readonly paymentProvider?: PaymentProviderBinding;
  /** Variables every capability gets (stage, cache bounds). @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Where the public reaches the API, given to capabilities that declare `publicLinks`. @default - none */
  readonly publicBaseUrl?: string;
  /** The commit deployed, given to capabilities that declare `knowsVersion`. @default 'unknown' */
  readonly commit?: string;
}

export class CapabilityEndpoint extends Construct {
  public readonly capability: Capability;
  public readonly handler: CapabilityFunction;
  public readonly route: HttpRoute;

  constructor(scope: Construct, id: string, props: CapabilityEndpointProps) {
    super(scope, id);
    const { capability } = props;
    this.capability = capability;
    const { route } = capability;
    this.handler = new CapabilityFunction(this, 'Handler', {
      entry: capability.entry,
      logRetention: props.logRetention,
      logRemovalPolicy: props.logRemovalPolicy,
      memoryMb: capability.memoryMb,
      timeoutSeconds: capability.timeoutSeconds,
      description: routeKey(route),
      bundledFiles: capability.bundledFiles,
      environment: {
        ...props.environment,
        POWERTOOLS_SERVICE_NAME: capability.id,
        ...(capability.knowsVersion ? { KHIDMA_COMMIT: props.commit ?? 'unknown' } : {}),
        ...(capability.publicLinks && props.publicBaseUrl ? { PUBLIC_BASE_URL: props.publicBaseUrl } : {}),
      },
    });
    this.handler.bindTables(capability.tables, props.tables);
    if (capability.workflow) {
      if (!props.workflow) {
        throw new Error(`${capability.id} calls the workflow engine but the stack has no state machine`);
      }
      this.handler.bindWorkflow(props.workflow, capability.workflow);
    }
    if (capability.documentSigning) {
      if (!props.documentSigningKey) {
        throw new Error(`${capability.id} uses the document issuer's key but the stack has none`);
      }
      this.handler.bindDocumentSigner(props.documentSigningKey, capability.documentSigning);
    }
    if (capability.uploads) {
      if (!props.uploads) {
        throw new Error(`${capability.id} uses the upload bucket but the stack has none`);
      }
      this.handler.bindUploads(props.uploads, capability.uploads);
    }
    if (capability.paymentProvider) {
      if (!props.paymentProvider) {
        throw new Error(`${capability.id} calls the payment provider but the stack has none`);
      }
      this.handler.bindPaymentProvider(props.paymentProvider, capability.paymentProvider);
    }
    if (capability.auditCheckpoints) {
      grantAuditCheckpoints(this.handler, props.environment?.STAGE ?? 'unknown', capability.auditCheckpoints);
    }
    if (capability.userPool) {
      this.handler.bindUserPool({ userPool: props.userPool, client: props.userPoolClient, actions: capability.userPool });
    }
    if (capability.queues) {
      bindQueueOperations(this.handler, capability.queues, props.environment?.STAGE ?? 'unknown');
    }
    const isPublic = route.access === 'public';
    const publicReason = publicAccessReason(capability);
    this.route = new HttpRoute(this, 'Route', {
      httpApi: props.api,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration: new HttpLambdaIntegration('Integration', this.handler.function),
      authorizer: isPublic ? undefined : props.authorizer,
    });
    if (publicReason) {
      Validations.of(this.route).acknowledge({ id: 'AwsSolutions-APIG4', reason: publicReason });
    }
  }
}

/** Public reads are waived; a public write fails cdk-nag unless the catalogue says why it is public. */
function publicAccessReason({ id, route, publicWriteReason }: Capability): string | undefined {
  const isPublic = route.access === 'public';
  if (publicWriteReason !== undefined && (!isPublic || route.method === 'GET')) {
    throw new Error(`${id}: publicWriteReason is only for a public route that writes`);
  }
  if (!isPublic) {
    return undefined;
  }
  return route.method === 'GET' ? 'public read-only catalogue route by design' : publicWriteReason;
}
