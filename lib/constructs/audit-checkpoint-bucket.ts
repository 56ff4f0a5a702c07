// Where the audit chains are anchored outside their table: signed checkpoints of each subject's chain head, as
// objects under S3 Object Lock in compliance mode (no one, the account's root included, removes or overwrites a
// locked version before its retention ends) in a bucket whose policy refuses any PutObject without If-None-Match
// (so a key, once written, cannot even get a newer version on top). Functions get GetObject and ListBucket; the
// checkpoint worker alone also gets PutObject; nothing gets a delete.
import { Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { CapabilityFunction } from './capability-function';

/** One bucket per stage and region (each region anchors the writes it takes), named so functions find it by name. */
export function auditCheckpointBucketName(stage: string, account: string, region: string): string {
  return `khidma-${stage}-audit-checkpoints-${account}-${region}`;
}

/** The name as it reads in a synthesized template (tokens as cdk-nag prints them). */
function names(scope: Construct, stage: string): { name: string; forNag: string } {
  const stack = Stack.of(scope);
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  return { name: auditCheckpointBucketName(stage, stack.account, stack.region), forNag: auditCheckpointBucketName(stage, account, region) };
}

export interface AuditCheckpointBucketProps {
  readonly stage: string;
  /** How long each checkpoint is locked (stage config `auditCheckpointRetentionDays`). */
  readonly retentionDays: number;
}

export class AuditCheckpointBucket extends Construct {
  public readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AuditCheckpointBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: names(this, props.stage).name,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(props.retentionDays)),
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // Locked objects outlive any stack: the bucket is kept when the stack goes, in every stage.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'WriteOnceOnly',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { Null: { 's3:if-none-match': 'true' } },
      }),
    );
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'NeverRemoved',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectRetention', 's3:PutObjectLegalHold', 's3:BypassGovernanceRetention'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: `Khidma ${props.stage}: only the checkpoint worker writes here, once per key, and every write is itself the record; reads come from the audit verification route, which logs them`,
    });
  }

}

/**
 * The bucket's name (by name, so no reference crosses stacks), GetObject and ListBucket; `write` adds PutObject
 * (the bucket policy requires If-None-Match). No delete, ever.
 */
export function grantAuditCheckpoints(handler: CapabilityFunction, stage: string, access: 'read' | 'write'): void {
  const { name, forNag } = names(handler, stage);
  handler.function.addEnvironment('AUDIT_CHECKPOINT_BUCKET', name);
  handler.function.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject', ...(access === 'write' ? ['s3:PutObject'] : [])], resources: [`arn:aws:s3:::${name}/*`] }));
  handler.function.addToRolePolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [`arn:aws:s3:::${name}`] }));
  Validations.of(handler.role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:aws:s3:::${forNag}/*]`,
    reason: 'Checkpoints are objects named by subject and sequence number: the grant covers the checkpoint bucket only, never a delete',
  });
}
