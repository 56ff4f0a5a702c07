// The portal's deployment: a private bucket read by CloudFront only, the API on the same domain under /v1/*,
// security headers on every answer; and the API's CORS from the stage config, never "*" in staging or prod.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { stageConfig, stages } from '../../lib/config/stages';
import { checkCorsOrigins } from '../../lib/platform/cors';
import { buildApp } from '../../lib/stacks/app';

const context = { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] };

describe.each(Object.keys(stages))('the %s stage', (stage) => {
  const app = new App({ context });
  const config = stageConfig(stage);
  const stacks = buildApp(app, config);
  const portal = Template.fromStack(stacks.portal);

  test('keeps the portal files in a private, encrypted bucket that only CloudFront reads (origin access control)', () => {
    portal.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
    });
    portal.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2); // the portal's and the open data's (open-data.test.ts)
    portal.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' })]) },
    });
  });

  test('answers with CSP (frame-ancestors none, scripts from itself only), HSTS and no framing', () => {
    const policy = portal.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const config = Object.values(policy)[0]!.Properties.ResponseHeadersPolicyConfig;
    // The uploads bucket's name holds the account (a token): the CSP is a join of strings and that reference.
    const value = config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
    const csp: string = typeof value === 'string' ? value : value['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : '<account>')).join('');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    const region = stageConfig(stage).primaryRegion;
    // Sign-in at Cognito, and uploaded files posted straight to the uploads bucket (presigned POSTs).
    expect(csp).toContain(`connect-src 'self' https://cognito-idp.${region}.amazonaws.com https://khidma-${stage}-uploads-<account>-${region}.s3.${region}.amazonaws.com;`);
    expect(csp).not.toContain('unsafe-inline');
    expect(config.SecurityHeadersConfig.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true });
    expect(config.SecurityHeadersConfig.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
  });

  test('serves the API under /v1/* on the same domain, uncached, compressed files over HTTPS only', () => {
    portal.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ Compress: true, ViewerProtocolPolicy: 'redirect-to-https' }),
        CacheBehaviors: Match.arrayWith([
          Match.objectLike({
            PathPattern: '/v1/*',
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled
            AllowedMethods: Match.arrayWith(['PUT', 'POST', 'DELETE']),
            ViewerProtocolPolicy: 'https-only',
          }),
        ]),
      }),
    });
  });

  test('deploys the built files with the sign-in configuration', () => {
    portal.resourceCountIs('Custom::CDKBucketDeployment', 1);
  });

  test('lets browsers send Idempotency-Key and read idempotent-replayed, from the listed origins only', () => {
    const api = Template.fromStack(stacks.api);
    const cors = Object.values(api.findResources('AWS::ApiGatewayV2::Api'))[0]!.Properties.CorsConfiguration;
    expect(cors.AllowHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']));
    expect(cors.ExposeHeaders).toEqual(expect.arrayContaining(['idempotent-replayed', 'retry-after']));
    expect(cors.AllowOrigins).toEqual([...config.corsOrigins]);
    if (stage === 'staging' || stage === 'prod') {
      expect(cors.AllowOrigins.some((origin: string) => origin.includes('*'))).toBe(false);
    }
  });
});

test('a wildcard origin is refused in staging and prod, and an origin must be just scheme, host and port', () => {
  expect(() => checkCorsOrigins('prod', ['*'])).toThrow('never "*"');
  expect(() => checkCorsOrigins('staging', ['https://*.khidma.example'])).toThrow('never');
  expect(() => checkCorsOrigins('prod', ['https://services.khidma.example/'])).toThrow('is not an origin');
  expect(checkCorsOrigins('dev', ['*'])).toEqual(['*']);
});
