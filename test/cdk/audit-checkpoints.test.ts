// The audit checkpoints' bucket as deployed in both regions: Object Lock in compliance mode for the stage's
// retention, versioned, private, TLS only, write-once by policy (PutObject needs If-None-Match), deletes denied
// to everyone; the checkpoint worker may only put, get and list, the verification route only get and list.
import { Match } from 'aws-cdk-lib/assertions';
import { capabilities } from '../../lib/capabilities';
import { routeKey } from '../../lib/catalogue/types';
import { workers } from '../../lib/catalogue/workers';
import { stageConfig } from '../../lib/config/stages';
import { regionTemplates } from './api-template';

type Resource = { [key: string]: any };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

const config = stageConfig('prod');
const regions = regionTemplates('prod');

describe.each(regions)('$name region', ({ template }) => {
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const buckets = Object.entries(template.findResources('AWS::S3::Bucket', { Properties: { BucketName: Match.anyValue() } })).filter(([, candidate]) =>
    JSON.stringify(candidate.Properties.BucketName).includes('-audit-checkpoints-'),
  );

  /** Every S3 action any function's role has on the checkpoint bucket, by function description (route key or worker description). */
  const s3Grants = () => {
    const grants = new Map<string, string[]>();
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
      const roleId = fn.Properties.Role['Fn::GetAtt'][0];
      const statements = Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })).flatMap(
        (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
      );
      const actions = statements
        .filter((statement) => JSON.stringify(statement.Resource ?? '').includes('audit-checkpoints') || statement.Resource === '*')
        .flatMap((statement) => [statement.Action].flat())
        .filter((action) => action.startsWith('s3:'));
      if (actions.length > 0) {
        grants.set(fn.Properties.Description, actions.sort());
      }
    }
    return grants;
  };

  test(`one bucket, with Object Lock in compliance mode for ${config.auditCheckpointRetentionDays} days, versioned, private and kept`, () => {
    expect(buckets).toHaveLength(1);
    const [bucketId, bucket] = buckets[0]!;
    expect(bucket.Properties.ObjectLockEnabled).toBe(true);
    expect(bucket.Properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: config.auditCheckpointRetentionDays } },
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(resources[bucketId]!.DeletionPolicy).toBe('Retain');
  });

  test('its policy refuses plain HTTP, any PutObject without If-None-Match, and every delete or retention change', () => {
    const [bucketId] = buckets[0]!;
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } }))[0]!;
    expect(policy.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:PutObject', Condition: { Null: { 's3:if-none-match': 'true' } } }),
        expect.objectContaining({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectRetention', 's3:BypassGovernanceRetention']),
        }),
      ]),
    );
  });

  test('the checkpoint worker may only put, get and list; the verification route only get and list; nothing else touches it', () => {
    const worker = workers.find((candidate) => candidate.id === 'checkpoint-audit')!;
    const verify = routeKey(capabilities.find((capability) => capability.id === 'verify-audit')!.route);
    expect(Object.fromEntries(s3Grants())).toEqual({
      [worker.description]: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'],
      [verify]: ['s3:GetObject', 's3:ListBucket'],
    });
  });

  test('the checkpoint worker reads the audit table’s stream, new audit records only', () => {
    const worker = workers.find((candidate) => candidate.id === 'checkpoint-audit')!;
    const [functionId] = Object.entries(template.findResources('AWS::Lambda::Function', { Properties: { Description: worker.description } }))[0]!;
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { FunctionName: { Ref: functionId } } }));
    expect(mappings).toHaveLength(1);
    expect(mappings[0]!.Properties.FilterCriteria).toEqual({
      Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'SUBJECT#' }] } } } }) }],
    });
  });
});
