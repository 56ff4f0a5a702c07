// The upload bucket as deployed: private, KMS-encrypted, TLS only, a lifecycle for abandoned uploads; GuardDuty
// Malware Protection on its uploads/ prefix with its result rule to the scan-result worker; and S3 grants to
// exactly the functions that presign, download or retag uploads.
import { Match } from 'aws-cdk-lib/assertions';
import { capabilities } from '../../lib/capabilities';
import { routeKey } from '../../lib/catalogue/types';
import { workers } from '../../lib/catalogue/workers';
import { regionTemplates } from './api-template';

type Resource = { [key: string]: any };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

const regions = regionTemplates('prod');

describe.each(regions)('$name region', ({ template }) => {
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const [bucketId, bucket] = Object.entries(template.findResources('AWS::S3::Bucket', { Properties: { BucketName: Match.anyValue() } })).find(([, candidate]) =>
    JSON.stringify(candidate.Properties.BucketName).includes('-uploads-'),
  )!;

  /** The functions whose roles have an S3 action on the upload bucket, by description (route key or worker description), and the actions. */
  const s3Grants = () => {
    const grants = new Map<string, string[]>();
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      const roleId = fn.Properties.Role['Fn::GetAtt'][0];
      const statements = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })).flatMap(
        (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
      );
      const actions = statements
        // The open-data workers' and the audit checkpoints' grants name their own buckets (by name).
        .filter((statement) => !/open-data|audit-checkpoints/.test(JSON.stringify(statement.Resource ?? '')))
        .flatMap((statement) => [statement.Action].flat())
        .filter((action) => action.startsWith('s3:'));
      if (actions.length > 0) {
        grants.set(fn.Properties.Description, actions.sort());
      }
    }
    return grants;
  };

  test('the bucket is private, encrypted with its own rotating KMS key, owner-enforced, and refuses plain HTTP', () => {
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    const [encryption] = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration;
    expect(encryption).toMatchObject({ BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } });
    const keyId = encryption.ServerSideEncryptionByDefault.KMSMasterKeyID['Fn::GetAtt'][0];
    expect(resources[keyId]).toMatchObject({ Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } });
    expect(bucket.Properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } }))[0]!;
    expect(policy.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    );
    // Data kept in prod: the bucket outlives a stack deletion.
    expect(resources[bucketId]!.DeletionPolicy).toBe('Retain');
  });

  test('the lifecycle removes uploads no submission kept, after 7 days', () => {
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Id: 'abandoned-uploads', Status: 'Enabled', ExpirationInDays: 7, Prefix: 'uploads/', TagFilters: [{ Key: 'khidma-state', Value: 'pending' }] }),
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
      ]),
    );
  });

  test('GuardDuty Malware Protection scans and tags the uploads, with a role only it may assume', () => {
    const plans = Object.values(template.findResources('AWS::GuardDuty::MalwareProtectionPlan'));
    expect(plans).toHaveLength(1);
    const plan = plans[0]!.Properties;
    expect(plan.ProtectedResource).toEqual({ S3Bucket: { BucketName: { Ref: bucketId }, ObjectPrefixes: ['uploads/'] } });
    expect(plan.Actions).toEqual({ Tagging: { Status: 'ENABLED' } });
    const role = resources[plan.Role['Fn::GetAtt'][0]]!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    ]);
  });

  test("GuardDuty's scan results for this bucket reach the scan-result worker", () => {
    const worker = workers.find((candidate) => candidate.id === 'record-scan-result')!;
    const rules = Object.values(template.findResources('AWS::Events::Rule', { Properties: { EventPattern: { source: ['aws.guardduty'] } } }));
    expect(rules).toHaveLength(1);
    const rule = rules[0]!.Properties;
    expect(rule.EventBusName).toBeUndefined();
    expect(rule.EventPattern).toEqual({
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
      detail: { s3ObjectDetails: { bucketName: [{ Ref: bucketId }] } },
    });
    const target = rule.Targets[0].Arn['Fn::GetAtt'][0];
    expect(resources[target]!.Properties.Description).toBe(worker.description);
  });

  test('only the functions that presign, download or retag uploads may touch the bucket, each with exactly its actions', () => {
    const route = (id: string) => routeKey(capabilities.find((capability) => capability.id === id)!.route);
    const worker = (id: string) => workers.find((candidate) => candidate.id === id)!.description;
    expect(Object.fromEntries(s3Grants())).toEqual({
      [route('create-upload')]: ['s3:PutObject', 's3:PutObjectTagging'],
      [route('download-application-document')]: ['s3:GetObject'],
      [worker('keep-uploads')]: ['s3:GetObjectTagging', 's3:PutObjectTagging'],
    });
  });
});
