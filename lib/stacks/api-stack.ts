// The HTTP API generated from the capability catalogue: one function and one route per capability, JWT on non-public routes.
// Layout: this stack owns the region's one public entry point (the HTTP API, its stage, access logs and JWT
// authorizer); each API domain of the catalogue (lib/catalogue/domains.ts) and the workflow workers are nested
// stacks of it. Nested rather than sibling stacks because the API still deploys and rolls back as one unit (a
// route never outlives its function, the pipeline orders one API stack per region after the data), while each
// nested template has its own CloudFormation resource limit and costs the parent one resource.
import {
  CfnOutput,
  CrossStackReferences,
  Duration,
  NestedStack,
  type ReferenceStrength,
  RemovalPolicy,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { capabilities as catalogue } from '../capabilities';
import { type ApiDomain, capabilitiesByDomain } from '../catalogue/domains';
import { type Capability, routeKey } from '../catalogue/types';
import type { StageConfig } from '../config/stages';
import type { AppClient } from '../platform/identity';
import type { TableId } from '../platform/tables';
import { CapabilityEndpoint } from '../constructs/capability-endpoint';
import { DeploymentData } from '../constructs/deployment-data';
import { Workers } from '../constructs/workers';
import { UploadBucket } from '../constructs/upload-bucket';
import { AuditCheckpointBucket } from '../constructs/audit-checkpoint-bucket';
import { alarmEndpoint, Observability } from '../constructs/observability';
import { deploymentCapacity, submissionRoutes } from '../config/capacity';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { workflowAgencyIds } from '../platform/agencies';
import { checkCorsOrigins, corsAllowHeaders, corsExposeHeaders, corsMaxAgeSeconds } from '../platform/cors';
import { RegionalDomain } from '../constructs/regional-domain';
import { pascalCase } from './names';

/** The user pool whose tokens the API trusts: the pool of the API's own region. */
export interface ApiIdentity {
  readonly userPool: IUserPool;
  readonly clients: Readonly<Record<AppClient, IUserPoolClient>>;
}

export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  readonly identity: ApiIdentity;
  /** The other region's pool, where this region's `mirror-identities` worker copies accounts. */
  readonly standbyIdentity?: ApiIdentity;
  /** The tables in this stack's region: the primary tables, or their replicas in the DR region. */
  readonly tables: Readonly<Record<TableId, ITableV2>>;
  /** @default - the capability catalogue in lib/capabilities.ts */
  readonly capabilities?: readonly Capability[];
  /** Runs the stream publisher and schedules (the primary region); the DR region has them off until failover. @default true */
  readonly active?: boolean;
  /** This region's failover role: the custom domain, health check and failover record. @default - none (test fixtures) */
  readonly failover?: 'primary' | 'dr';
  /** The commit being deployed (health answers it). @default - the `commit` context value, else 'unknown' */
  readonly commit?: string;
  /** How this stack consumes values of other stacks. @default - the app's default (cdk.json) */
  readonly consumeReferences?: ReferenceStrength;
}

const accessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  responseLength: '$context.responseLength',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  authorizerError: '$context.authorizer.error',
  integrationError: '$context.integrationErrorMessage',
};

export class ApiStack extends Stack {
  public readonly api: HttpApi;
  public readonly endpoints: readonly CapabilityEndpoint[];
  public readonly workers: Workers;
  /** One nested stack per API domain present in the catalogue, and one for the workflow workers. */
  public readonly domainStacks: ReadonlyMap<ApiDomain, NestedStack>;
  public readonly workersStack: NestedStack;
  /** The reference package (and, where allowed, demo data) loader: primary region only, replicas follow. */
  public readonly deploymentData?: DeploymentData;
  public readonly apiUrlOutput: CfnOutput;
  /** Alarms, their topic and the stage's dashboard in this region (own nested stack). */
  public readonly observability: Observability;
  public readonly observabilityStack: NestedStack;
  /** The API's custom domain, health check and failover record in this region. */
  public readonly domain?: RegionalDomain;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    if (props.consumeReferences) {
      CrossStackReferences.of(this).consume(props.consumeReferences);
    }
    const { config, identity } = props;
    const capabilities = props.capabilities ?? catalogue;
    const capacity = deploymentCapacity(config);
    const logRemovalPolicy = config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `khidma-${config.stage}`,
      createDefaultStage: false,
      // Bearer tokens, never cookies; origins from the stage config (lib/platform/cors.ts: never "*" in staging or prod).
      corsPreflight: {
        allowOrigins: [...checkCorsOrigins(config.stage, config.corsOrigins)],
        allowHeaders: [...corsAllowHeaders],
        exposeHeaders: [...corsExposeHeaders],
        allowMethods: [...new Set(capabilities.map((capability) => CorsHttpMethod[capability.route.method]))],
        maxAge: Duration.seconds(corsMaxAgeSeconds),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: config.logRetentionDays,
      removalPolicy: logRemovalPolicy,
    });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: config.throttle,
      // Route-level metrics: each route's 5xx rate and p99 latency are alarmed against the stage's SLO.
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });

    const jwt = new HttpAuthorizer(this, 'CognitoJwt', {
      httpApi: this.api,
      type: HttpAuthorizerType.JWT,
      authorizerName: 'cognito-jwt',
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: `https://${identity.userPool.userPoolProviderName}`,
      jwtAudience: Object.values(identity.clients).map((client) => client.userPoolClientId),
    });
    // Routes in the nested stacks attach to this authorizer by id.
    const authorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'CognitoJwtForRoutes', {
      authorizerId: jwt.authorizerId,
      authorizerType: HttpAuthorizerType.JWT,
    });
    const environment = {
      STAGE: config.stage,
      CATALOGUE_CACHE_SECONDS: String(config.catalogueCacheSeconds),
    };
    const uploadStorage = new NestedStack(this, 'UploadStorage', { description: `Khidma ${config.stage}: the document upload bucket, its key and its malware scanning` });
    const uploads = new UploadBucket(uploadStorage, 'Uploads', { stage: config.stage, corsOrigins: checkCorsOrigins(config.stage, config.corsOrigins), removalPolicy: logRemovalPolicy });
    // The audit chains' anchor: the checkpoint bucket and the worker that fills it, in a stack of their own (each
    // nested stack stays within 250 resources: test/cdk/headroom.test.ts).
    const auditCheckpoints = new NestedStack(this, 'AuditCheckpoints', { description: `Khidma ${config.stage}: the audit checkpoints' Object Lock bucket and their worker` });
    new AuditCheckpointBucket(auditCheckpoints, 'AuditCheckpoints', { stage: config.stage, retentionDays: config.auditCheckpointRetentionDays });
    const catalogueListing = new NestedStack(this, 'CatalogueListing', { description: `Khidma ${config.stage}: the worker that folds the catalogue listing's snapshot` });
    const reporting = new NestedStack(this, 'Reporting', { description: `Khidma ${config.stage}: the open data's export and download counter` });
    const notifications = new NestedStack(this, 'Notifications', { description: `Khidma ${config.stage}: the email and SMS delivery workers, the quiet hours' release and the complaints' escalation` });
    this.workersStack = new NestedStack(this, 'Workflows', { description: `Khidma ${config.stage}: workflow, event bus, queues and workers` });
    this.workers = new Workers(this.workersStack, 'Workers', {
      stage: config.stage,
      agencyIds: workflowAgencyIds,
      tables: props.tables,
      active: props.active ?? true,
      messaging: config.messaging,
      logRetention: config.logRetentionDays,
      logRemovalPolicy,
      environment,
      agencyQueueMaximumConcurrency: capacity.agencyQueueMaximumConcurrency,
      payments: config.payments,
      userPool: identity.userPool,
      standbyUserPool: props.standbyIdentity?.userPool,
      openDataRegion: config.primaryRegion,
      uploads,
      homes: { 'audit-checkpoints': auditCheckpoints, 'catalogue-listing': catalogueListing, reporting, notifications },
    });
    const domainStacks = new Map<ApiDomain, NestedStack>();
    const endpoints: CapabilityEndpoint[] = [];
    for (const [domain, members] of capabilitiesByDomain(capabilities)) {
      const nested = new NestedStack(this, `${pascalCase(domain)}Routes`, {
        description: `Khidma ${config.stage}: the ${domain} routes of the API`,
      });
      domainStacks.set(domain, nested);
      for (const capability of members) {
        endpoints.push(
          new CapabilityEndpoint(nested, pascalCase(capability.id), {
            capability,
            api: this.api,
            authorizer,
            tables: props.tables,
            userPool: identity.userPool,
            userPoolClient: identity.clients.portal,
            workflow: this.workers.workflow.binding,
            documentSigningKey: this.workers.documentSigningKey,
            uploads: this.workers.uploads,
            paymentProvider: this.workers.paymentProvider,
            logRetention: config.logRetentionDays,
            logRemovalPolicy,
            environment,
            // Links printed for the public (a document's verification QR code): the API's name in both regions.
            publicBaseUrl: `https://${config.recovery.apiDomain.name}`,
            commit: props.commit ?? this.node.tryGetContext('commit') ?? 'unknown',
          }),
        );
      }
    }
    this.domainStacks = domainStacks;
    this.endpoints = endpoints;

    if (props.active ?? true) {
      this.deploymentData = new DeploymentData(this, 'DeploymentData', {
        tables: props.tables,
        demoData: config.demoData,
        logRetention: config.logRetentionDays,
        logRemovalPolicy,
        environment,
      });
    }

    // The capacity plan: submissions throttled and, where the account allows, given concurrency of their own.
    const planned: readonly string[] = submissionRoutes;
    const submissions = this.endpoints.filter((endpoint) => planned.includes(routeKey(endpoint.capability.route)));
    if (capacity.submitReservedConcurrency !== undefined) {
      for (const endpoint of submissions) {
        (endpoint.handler.function.node.defaultChild as CfnFunction).reservedConcurrentExecutions = capacity.submitReservedConcurrency;
      }
    }
    throttleRoutes(stage, this.endpoints, new Map(submissions.map((endpoint) => [routeKey(endpoint.capability.route), capacity.submitThrottle])));

    this.observabilityStack = new NestedStack(this, 'Observability', { description: `Khidma ${config.stage}: alarms, alarm topic and dashboard` });
    this.observability = new Observability(this.observabilityStack, 'Observability', {
      stage: config.stage,
      config: config.observability,
      api: this.api,
      deadLetterQueues: [
        ...[...this.workers.workflow.queues].map(([agencyId, { deadLetterQueue }]) => ({ of: `tasks-${agencyId}`, queue: deadLetterQueue })),
        ...this.workers.deadLetterQueues,
      ],
      agencyQueues: this.workers.workflow.queues,
      workers: new Map([...this.workers.functions].map(([workerId, handler]) => [workerId, handler.function])),
      stateMachine: this.workers.workflow.stateMachine,
      tables: props.tables,
      replicaRegion: this.region === config.primaryRegion ? config.drRegion : config.primaryRegion,
    });
    for (const endpoint of this.endpoints) {
      alarmEndpoint(endpoint, { stage: config.stage, api: this.api, topic: this.observability.topic, config: config.observability });
    }

    if (props.failover) {
      this.domain = new RegionalDomain(this, 'Domain', { config, api: this.api, stage, failover: props.failover });
    }
    this.apiUrlOutput = new CfnOutput(this, 'ApiUrl', { value: stage.url });
  }
}

/** Routes whose contract sets a `throttle` get it as the stage's route settings (the stage waits for those routes). */
function throttleRoutes(stage: HttpStage, endpoints: readonly CapabilityEndpoint[], planned: ReadonlyMap<string, { rateLimit: number; burstLimit: number }> = new Map()): void {
  // A contract's own throttle wins over the plan's.
  const throttleOf = (route: CapabilityEndpoint['capability']['route']) => route.throttle ?? planned.get(routeKey(route));
  const throttled = endpoints.filter((endpoint) => throttleOf(endpoint.capability.route));
  if (throttled.length === 0) {
    return;
  }
  (stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
    throttled.map(({ capability: { route } }) => [routeKey(route), { ThrottlingRateLimit: throttleOf(route)!.rateLimit, ThrottlingBurstLimit: throttleOf(route)!.burstLimit }]),
  );
  throttled.forEach((endpoint) => stage.node.addDependency(endpoint.route));
}
