// Citizens' uploaded documents: a private bucket (KMS, TLS only, public access blocked, owner-enforced objects)
// that browsers reach only through presigned POSTs and officers through presigned GETs; GuardDuty Malware
// Protection for S3 scans each object under uploads/ and tags it (GuardDutyMalwareScanStatus), and its result event
// reaches the scan-result worker. Objects start tagged khidma-state=pending; a submission retags them submitted
// (the keep-uploads worker); the lifecycle removes those still pending after ABANDONED_UPLOAD_DAYS.
import { Aws, Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export const UPLOAD_PREFIX = 'uploads/';
/** Days an upload no submission names is kept (the presigned POST itself lives 15 minutes). */
export const ABANDONED_UPLOAD_DAYS = 7;
const GUARDDUTY_RULES = 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*';

/**
 * The bucket's name, from the stage and pseudo parameters: every stack of the region (the API's nested stacks)
 * names it, and its objects' ARN, without a cross-stack reference; cdk-nag prints the ARN with the placeholders.
 */
export const uploadBucketName = (stage: string, account: string = Aws.ACCOUNT_ID, region: string = Aws.REGION) => `khidma-${stage}-uploads-${account}-${region}`;
export const uploadObjectsArn = (stage: string) => `arn:${Aws.PARTITION}:s3:::${uploadBucketName(stage)}/${UPLOAD_PREFIX}*`;
export const uploadObjectsArnForNag = (stage: string) => `arn:<AWS::Partition>:s3:::${uploadBucketName(stage, '<AWS::AccountId>', '<AWS::Region>')}/${UPLOAD_PREFIX}*`;

export interface UploadBucketProps {
  readonly stage: string;
  /** Origins of the portal, whose browsers post the forms. */
  readonly corsOrigins: readonly string[];
  readonly removalPolicy?: RemovalPolicy;
}

export class UploadBucket extends Construct {
  public readonly bucket: Bucket;
  public readonly key: Key;
  public readonly malwareProtection: CfnMalwareProtectionPlan;
  public readonly stage: string;

  constructor(scope: Construct, id: string, props: UploadBucketProps) {
    super(scope, id);
    this.stage = props.stage;
    this.key = new Key(this, 'Key', {
      description: `Khidma ${props.stage}: encrypts citizens' uploaded documents`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: uploadBucketName(props.stage),
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy,
      cors: [{ allowedMethods: [HttpMethods.POST], allowedOrigins: [...props.corsOrigins], allowedHeaders: ['*'], maxAge: 3000 }],
      lifecycleRules: [
        { id: 'abandoned-uploads', prefix: UPLOAD_PREFIX, tagFilters: { 'khidma-state': 'pending' }, expiration: Duration.days(ABANDONED_UPLOAD_DAYS) },
        { id: 'incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Every access is a presigned request issued by a platform function, which logs it; officers\' downloads are in the subject\'s audit trail',
    });
    this.malwareProtection = this.protect();
  }

  /** GuardDuty Malware Protection for S3 on the uploads prefix, with the role it assumes (the documented permissions). */
  private protect(): CfnMalwareProtectionPlan {
    const stack = Stack.of(this);
    const objects = uploadObjectsArn(this.stage);
    const rules = `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/${GUARDDUTY_RULES}`;
    const role = new Role(this, 'MalwareProtectionRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
      description: 'GuardDuty Malware Protection for S3: scans and tags the upload bucket',
      inlinePolicies: {
        scan: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
              resources: [rules],
              conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
            }),
            new PolicyStatement({ actions: ['events:DescribeRule', 'events:ListTargetsByRule'], resources: [rules] }),
            new PolicyStatement({ actions: ['s3:PutBucketNotification', 's3:GetBucketNotification', 's3:ListBucket'], resources: [this.bucket.bucketArn] }),
            new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects('malware-protection-resource-validation-object')] }),
            new PolicyStatement({
              actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'],
              resources: [objects],
            }),
            new PolicyStatement({
              actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
              resources: [this.key.keyArn],
              conditions: { StringLike: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
            }),
          ],
        }),
      },
    });
    Validations.of(role).acknowledge(
      { id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/${GUARDDUTY_RULES}]`, reason: 'The rules GuardDuty manages for the plan, named by GuardDuty' },
      { id: `AwsSolutions-IAM5[Resource::${uploadObjectsArnForNag(this.stage)}]`, reason: 'GuardDuty scans and tags every uploaded object under the uploads prefix' },
    );
    const plan = new CfnMalwareProtectionPlan(this, 'MalwareProtection', {
      role: role.roleArn,
      protectedResource: { s3Bucket: { bucketName: this.bucket.bucketName, objectPrefixes: [UPLOAD_PREFIX] } },
      actions: { tagging: { status: 'ENABLED' } },
    });
    plan.node.addDependency(role);
    return plan;
  }
}
