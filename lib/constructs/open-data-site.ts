// The open-data platform in AWS: the versioned bucket the nightly export writes (files under open-data/), served by
// a CloudFront distribution of its own through an origin access control, whose standard logs go to a bucket the
// download counter reads (the `count-open-data-downloads` worker). A distribution of its own rather than a
// behaviour of the portal's: its logs hold only open-data requests, in a bucket named for the counter (the API
// stacks deploy before this one and cannot reference it); its answers carry open CORS for harvesters and data
// tools, not the portal's CSP; and it caches files, where the portal's /v1/* must not.
import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AllowedMethods, CachePolicy, Distribution, HttpVersion, PriceClass, ResponseHeadersPolicy, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { OPEN_DATA_CLOUDFRONT_LOG_PREFIX, openDataBucketName, openDataLogBucketName } from '../platform/open-data';

export interface OpenDataSiteProps {
  readonly stage: string;
  readonly logRetentionDays: number;
  readonly removalPolicy: RemovalPolicy;
}

export class OpenDataSite extends Construct {
  public readonly bucket: Bucket;
  public readonly logs: Bucket;
  public readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: OpenDataSiteProps) {
    super(scope, id);
    const { account } = Stack.of(this);
    this.logs = new Bucket(this, 'Logs', {
      bucketName: openDataLogBucketName(props.stage, account),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logs are written with an ACL.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      // The counter removes each log file it counted; what it has not reached expires.
      lifecycleRules: [{ expiration: Duration.days(props.logRetentionDays) }],
      removalPolicy: props.removalPolicy,
    });
    Validations.of(this.logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket of the open-data bucket and its distribution; logging it into itself would loop' });

    this.bucket = new Bucket(this, 'Files', {
      bucketName: openDataBucketName(props.stage, account),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // Every published version is kept a year: a night's figures can be compared with an earlier night's.
      versioned: true,
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(365) }],
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'bucket/',
      removalPolicy: props.removalPolicy,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Khidma ${props.stage} open data`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: OPEN_DATA_CLOUDFRONT_LOG_PREFIX,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.CORS_ALLOW_ALL_ORIGINS_AND_SECURITY_HEADERS,
      },
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'Open data is for anyone, anywhere: no geographic restriction' },
      { id: 'AwsSolutions-CFR2', reason: 'Static public files, read-only (GET and HEAD), cached at the edge; a WAF web ACL (us-east-1) is an account-level choice of the operator' },
      { id: 'AwsSolutions-CFR4', reason: 'The default cloudfront.net certificate allows TLS 1.0 viewers; a stage with its own domain and ACM certificate sets TLSv1.2_2021' },
    );
  }
}
