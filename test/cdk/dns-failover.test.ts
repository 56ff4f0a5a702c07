// One API name in both regions: custom domain, Route 53 health checks on each region's health route, and
// failover records (primary answers while healthy). The stage config's activeRegion decides after a failover.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { type StageConfig, stageConfig } from '../../lib/config/stages';
import { buildApp } from '../../lib/stacks/app';
import { apiTemplate } from './api-template';

const synthesize = (config: StageConfig) => {
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildApp(app, config);
  return { primary: Template.fromStack(stacks.api), dr: Template.fromStack(stacks.drApi), stacks };
};

describe.each(['dev', 'prod'])('the %s stage', (stage) => {
  const config = stageConfig(stage);
  const { apiDomain, healthCheck } = config.recovery;
  const { primary, dr } = synthesize(config);
  const regions = [
    { name: 'primary', template: primary, region: config.primaryRegion, failover: 'PRIMARY', id: `khidma-${stage}-primary` },
    { name: 'DR', template: dr, region: config.drRegion, failover: 'SECONDARY', id: `khidma-${stage}-dr` },
  ];

  describe.each(regions)('in the $name region', ({ template, region, failover, id }) => {
    test('the API answers on the custom domain, with a certificate validated in the hosted zone', () => {
      template.hasResourceProperties('AWS::CertificateManager::Certificate', {
        DomainName: apiDomain.name,
        ValidationMethod: 'DNS',
        DomainValidationOptions: [{ DomainName: apiDomain.name, HostedZoneId: apiDomain.hostedZoneId }],
      });
      template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: apiDomain.name });
      template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    });

    test("a Route 53 health check requests this region's own health route", () => {
      const checks = Object.values(template.findResources('AWS::Route53::HealthCheck'));
      expect(checks).toHaveLength(1);
      const config_ = checks[0]!.Properties.HealthCheckConfig;
      expect(config_).toMatchObject({
        Type: 'HTTPS',
        ResourcePath: '/v1/health',
        RequestInterval: healthCheck.intervalSeconds,
        FailureThreshold: healthCheck.failureThreshold,
        Inverted: false,
      });
      const fqdn = JSON.stringify(config_.FullyQualifiedDomainName);
      expect(fqdn).toContain(`.execute-api.${region}.`);
      expect(fqdn).toContain('HttpApi');
    });

    test(`its ${failover} failover record names the shared API domain, guarded by that health check`, () => {
      const [checkId] = Object.keys(template.findResources('AWS::Route53::HealthCheck'));
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: `${apiDomain.name}.`,
        Type: 'A',
        HostedZoneId: apiDomain.hostedZoneId,
        Failover: failover,
        SetIdentifier: id,
        HealthCheckId: { Ref: checkId },
        AliasTarget: Match.objectLike({ DNSName: Match.anyValue(), HostedZoneId: Match.anyValue() }),
      });
    });
  });
});

test('after a failover recorded in the config, the primary check stays inverted and the DR region runs the schedules and streams', () => {
  const config = stageConfig('prod');
  const { primary, dr, stacks } = synthesize({ ...config, recovery: { ...config.recovery, activeRegion: 'dr' } });
  primary.hasResourceProperties('AWS::Route53::HealthCheck', { HealthCheckConfig: Match.objectLike({ Inverted: true }) });
  dr.hasResourceProperties('AWS::Route53::HealthCheck', { HealthCheckConfig: Match.objectLike({ Inverted: false }) });
  const states = (template: Template) => [
    ...new Set(Object.values(template.findResources('AWS::Events::Rule')).filter((rule) => rule.Properties.ScheduleExpression).map((rule) => rule.Properties.State)),
  ];
  const streams = (template: Template) => [
    ...new Set(Object.values(template.findResources('AWS::Lambda::EventSourceMapping')).filter((mapping) => mapping.Properties.StartingPosition).map((mapping) => mapping.Properties.Enabled ?? true)),
  ];
  expect([states(apiTemplate(stacks.drApi)), streams(apiTemplate(stacks.drApi))]).toEqual([['ENABLED'], [true]]);
  expect([states(apiTemplate(stacks.api)), streams(apiTemplate(stacks.api))]).toEqual([['DISABLED'], [false]]);
});
