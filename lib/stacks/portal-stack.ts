// The reference portal: its files in a private S3 bucket read only by CloudFront (origin access control), and the
// API on the same domain under /v1/* (CloudFront forwards to the primary region's HTTP API). Same domain rather than
// CORS: no preflight before every write, no API URL baked into the files, one CSP origin ('self') for every call,
// and a stolen portal page cannot be framed or pointed elsewhere. Security headers on every answer: CSP with
// frame-ancestors 'none', HSTS, nosniff, no referrer (lib/platform/portal.ts, the same the local cloud sends).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { CfnPolicy, CfnRole } from 'aws-cdk-lib/aws-iam';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';
import { portalSecurityHeaders, writePortal } from '../platform/portal';
import { OpenDataSite } from '../constructs/open-data-site';
import { uploadBucketName } from '../constructs/upload-bucket';

export interface PortalStackProps extends StackProps {
  readonly config: StageConfig;
  /** The primary region's HTTP API, served under /v1/* on the portal's domain. */
  readonly api: IHttpApi;
  /** The portal app client of the user pool (sign-in from the browser). */
  readonly userPoolClientId: string;
  /** The user pool's region (Cognito's endpoint for sign-in). */
  readonly identityRegion: string;
}

export class PortalStack extends Stack {
  public readonly bucket: Bucket;
  public readonly distribution: Distribution;
  /** The open data: its bucket, its distribution and their logs (lib/constructs/open-data-site.ts). */
  public readonly openData: OpenDataSite;

  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const cognitoEndpoint = `https://cognito-idp.${props.identityRegion}.amazonaws.com/`;

    const logs = this.accessLogs(config.logRetentionDays, removalPolicy);

    this.bucket = new Bucket(this, 'Files', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'bucket/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    // The browser posts uploaded files straight to the uploads bucket (presigned POSTs; its CORS allows the stage's origins).
    const uploadsOrigin = `https://${uploadBucketName(config.stage, this.account, config.primaryRegion)}.s3.${config.primaryRegion}.amazonaws.com`;
    const security = portalSecurityHeaders(cognitoEndpoint.replace(/\/$/, ''), uploadsOrigin);
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Khidma ${config.stage} portal: CSP, HSTS, no framing`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: security['content-security-policy']!, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: { customHeaders: [{ header: 'permissions-policy', value: security['permissions-policy']!, override: true }] },
    });

    // https://{id}.execute-api.{region}.amazonaws.com → its host name.
    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    const apiOrigin = new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY });
    const apiBehavior = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      // Answers are per caller (bearer tokens): nothing cached; every header but Host goes to the API.
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: headers,
    };

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Khidma ${config.stage} portal and API`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        compress: true,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
      },
      additionalBehaviors: { '/v1/*': apiBehavior, '/openapi.json': apiBehavior },
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'Citizens and residents apply from abroad too (embassies, expatriates): no geographic restriction' },
      { id: 'AwsSolutions-CFR2', reason: 'The API behind /v1/* has stage and route throttles and JWT checks; a WAF web ACL (us-east-1) is an account-level choice of the operator' },
      { id: 'AwsSolutions-CFR4', reason: 'The default cloudfront.net certificate allows TLS 1.0 viewers; a stage with its own domain and ACM certificate sets TLSv1.2_2021' },
    );

    // Built by esbuild at synthesis; portal-config.json names the user pool client and Cognito's regional endpoint.
    const built = writePortal(mkdtempSync(path.join(os.tmpdir(), 'khidma-portal-')), { cognitoEndpoint, clientId: 'replaced-below' });
    const deployment = new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [Source.asset(built, { exclude: ['portal-config.json'] }), Source.jsonData('portal-config.json', { cognitoEndpoint, clientId: props.userPoolClientId })],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/app.js', '/app.css', '/portal-config.json'],
      prune: true,
    });
    this.acknowledgeDeployment(deployment);
    this.openData = new OpenDataSite(this, 'OpenData', { stage: config.stage, logRetentionDays: config.logRetentionDays, removalPolicy });
    new CfnOutput(this, 'OpenDataCatalog', {
      description: 'The DCAT catalogue of the open data (README, Open data)',
      value: `https://${this.openData.distribution.distributionDomainName}/open-data/catalog.jsonld`,
    });
  }

  /** The deployment's generated function (CDK's own bucket-deployment handler) and its role, finding by finding. */
  private acknowledgeDeployment(deployment: BucketDeployment): void {
    const handler = this.node.findAll().filter((construct) => construct.node.id.startsWith('Custom::CDKBucketDeployment'));
    const grants = [
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      `Resource::arn:aws:s3:::cdk-hnb659fds-assets-${Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account}-${this.region}/*`,
      `Resource::<${this.getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*`,
      'Resource::*',
    ];
    for (const construct of [deployment, ...handler].flatMap((scope) => scope.node.findAll())) {
      if (construct instanceof CfnRole) {
        Validations.of(construct).acknowledge({
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: "CDK's bucket-deployment handler uses AWSLambdaBasicExecutionRole for its own logs only",
        });
      } else if (construct instanceof CfnPolicy) {
        Validations.of(construct).acknowledge(
          ...grants.map((grant) => ({
            id: `AwsSolutions-IAM5[${grant}]`,
            reason: "CDK's bucket-deployment grants: read the CDK asset bucket, write the portal bucket's objects, invalidate this distribution (no resource ARN)",
          })),
        );
      } else if (construct instanceof CfnFunction) {
        Validations.of(construct).acknowledge({ id: 'AwsSolutions-L1', reason: "CDK's bucket-deployment handler runtime is chosen by aws-cdk-lib, updated with it" });
      }
    }
  }

  /** The access-log bucket of the portal bucket and its distribution. */
  private accessLogs(retentionDays: number, removalPolicy: RemovalPolicy): Bucket {
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logs are written with an ACL.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(retentionDays) }],
      removalPolicy,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the portal bucket and its distribution; logging it into itself would loop',
    });
    return logs;
  }
}
