// The open data in AWS: a private, encrypted, SSL-only, versioned bucket read only by its own CloudFront
// distribution (origin access control), whose standard logs go to the bucket the download counter reads; the
// nightly export and the counter scheduled in the primary region, each granted its bucket's prefix by name.
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { stageConfig } from '../../lib/config/stages';
import { openDataWorkers } from '../../lib/catalogue/open-data-workers';
import { buildApp } from '../../lib/stacks/app';
import { apiTemplate } from './api-template';

type Resource = { [key: string]: any };

const config = stageConfig('dev');
const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const stacks = buildApp(app, config);
const portal = Template.fromStack(stacks.portal);
const primary = apiTemplate(stacks.api);
const dr = apiTemplate(stacks.drApi);
const named = (name: string) => ({ 'Fn::Join': ['', [`khidma-${config.stage}-${name}-`, { Ref: 'AWS::AccountId' }]] });
const idOf = (template: Template, type: string, properties: Resource) => {
  const found = Object.keys(template.findResources(type, { Properties: properties }));
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('the open-data bucket and its distribution', () => {
  const files = idOf(portal, 'AWS::S3::Bucket', { BucketName: named('open-data') });
  const logs = idOf(portal, 'AWS::S3::Bucket', { BucketName: named('open-data-logs') });

  test('keeps the files private, encrypted and versioned, access-logged to the log bucket', () => {
    portal.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: named('open-data'),
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: logs }, LogFilePrefix: 'bucket/' },
    });
  });

  test('refuses plain HTTP and lets only its distribution read, through an origin access control', () => {
    const distribution = idOf(portal, 'AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ Comment: `Khidma ${config.stage} open data` }) });
    portal.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: files },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([{ Ref: distribution }])]) }) } },
          }),
        ]),
      },
    });
    const config_ = portal.findResources('AWS::CloudFront::Distribution')[distribution]!.Properties.DistributionConfig;
    expect(config_.Origins).toHaveLength(1);
    expect(config_.Origins[0].OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    expect(config_.DefaultCacheBehavior).toMatchObject({ AllowedMethods: ['GET', 'HEAD'], ViewerProtocolPolicy: 'redirect-to-https', Compress: true });
    expect(config_.Logging).toEqual({ Bucket: { 'Fn::GetAtt': [logs, 'RegionalDomainName'] }, Prefix: 'cloudfront/' });
  });

  test('expires the logs the counter has not reached', () => {
    portal.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: named('open-data-logs'),
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: config.logRetentionDays, Status: 'Enabled' })] },
    });
  });
});

describe('the open-data workers', () => {
  const fnOf = (template: Template, id: string): Resource => {
    const worker = openDataWorkers.find((one) => one.id === id)!;
    const found = Object.values(template.findResources('AWS::Lambda::Function', { Properties: { Description: worker.description } }));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const statementsOf = (template: Template, fn: Resource) => {
    const [roleId] = fn.Properties.Role['Fn::GetAtt'];
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
    return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Resource[]);
  };
  const s3 = (statements: Resource[]) => statements.filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('s3:')));
  const arn = (bucket: string, suffix: string) => ({ 'Fn::Join': ['', [`arn:aws:s3:::khidma-${config.stage}-${bucket}-`, { Ref: 'AWS::AccountId' }, ...(suffix ? [suffix] : [])]] });
  const region = Stack.of(stacks.api).resolve(config.primaryRegion);

  test.each([
    ['export-open-data', 'open-data', 'open-data/', ['s3:GetObject', 's3:PutObject'], 'OPEN_DATA_BUCKET'],
    ['count-open-data-downloads', 'open-data-logs', 'cloudfront/', ['s3:GetObject', 's3:DeleteObject'], 'OPEN_DATA_LOG_BUCKET'],
  ])('%s is granted its bucket by name, its prefix only', (id, bucket, prefix, actions, variable) => {
    for (const template of [primary, dr]) {
      const fn = fnOf(template, id);
      expect(fn.Properties.Environment.Variables).toMatchObject({ [variable]: named(bucket), OPEN_DATA_BUCKET_REGION: region });
      expect(s3(statementsOf(template, fn))).toEqual([
        expect.objectContaining({ Action: [...actions].sort(), Effect: 'Allow', Resource: arn(bucket, `/${prefix}*`) }),
        expect.objectContaining({ Action: 's3:ListBucket', Effect: 'Allow', Resource: arn(bucket, ''), Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } } }),
      ]);
    }
  });

  test('exports every night at 00:30 in Amman and counts every hour, in the active region only', () => {
    const rules = (template: Template) => Object.values(template.findResources('AWS::Events::Rule')).map((rule) => rule.Properties);
    for (const [template, state] of [[primary, 'ENABLED'], [dr, 'DISABLED']] as const) {
      const schedules = rules(template).filter((rule) => openDataWorkers.some((worker) => rule.Description?.startsWith(worker.description)));
      expect(schedules.map((rule) => [rule.ScheduleExpression, rule.State]).sort()).toEqual([
        ['cron(30 21 * * ? *)', state],
        ['rate(1 hour)', state],
      ]);
    }
  });

  test('no other function may touch the open-data buckets', () => {
    const fns = Object.values(primary.findResources('AWS::Lambda::Function'));
    const touching = fns.filter((fn) => JSON.stringify(s3(statementsOf(primary, fn))).includes('open-data')).map((fn) => fn.Properties.Description);
    expect(touching.sort()).toEqual(openDataWorkers.map((worker) => worker.description).sort());
  });
});
