// One API name for front-ends in both regions: the custom domain on this region's HTTP API (its own regional
// certificate), a Route 53 health check on this region's health route, and this region's failover record.
// The primary record answers while the primary's check is healthy; `npm run failover` forces the switch by
// inverting that check (and the stage config's `activeRegion` keeps a deployment from undoing it).
import { Duration, Stack } from 'aws-cdk-lib';
import { ApiMapping, DomainName, type HttpApi, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { ARecord, Failover, HealthCheck, HealthCheckType, HostedZone, type IAliasRecordTarget, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stages';

export interface RegionalDomainProps {
  readonly config: StageConfig;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The primary region's record answers while its check is healthy; the DR region's otherwise. */
  readonly failover: 'primary' | 'dr';
}

/** The health route Route 53 requests in each region (public, reads no item: functions/platform/health.ts). */
export const healthRoutePath = '/v1/health';

/** The failover record's set identifier, also how `npm run failover` finds it. */
export const failoverRecordId = (stage: string, role: 'primary' | 'dr') => `khidma-${stage}-${role}`;

export class RegionalDomain extends Construct {
  public readonly healthCheck: HealthCheck;
  public readonly domainName: DomainName;

  constructor(scope: Construct, id: string, props: RegionalDomainProps) {
    super(scope, id);
    const { config, api } = props;
    const { apiDomain, healthCheck, activeRegion } = config.recovery;
    const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: apiDomain.hostedZoneId, zoneName: apiDomain.hostedZoneName });
    const certificate = new Certificate(this, 'Certificate', { domainName: apiDomain.name, validation: CertificateValidation.fromDns(zone) });
    this.domainName = new DomainName(this, 'DomainName', { domainName: apiDomain.name, certificate });
    new ApiMapping(this, 'Mapping', { api, domainName: this.domainName, stage: props.stage });
    // The region's own endpoint, not the shared name: each check says whether *this* region answers.
    this.healthCheck = new HealthCheck(this, 'HealthCheck', {
      type: HealthCheckType.HTTPS,
      fqdn: `${api.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`,
      resourcePath: healthRoutePath,
      requestInterval: Duration.seconds(healthCheck.intervalSeconds),
      failureThreshold: healthCheck.failureThreshold,
      // A failover to DR inverts the primary's check (the config records it, so a deployment keeps it so).
      inverted: props.failover === 'primary' && activeRegion === 'dr',
    });
    new ARecord(this, 'FailoverRecord', {
      zone,
      recordName: apiDomain.name,
      target: RecordTarget.fromAlias(regionalAlias(this.domainName)),
      failover: props.failover === 'primary' ? Failover.PRIMARY : Failover.SECONDARY,
      setIdentifier: failoverRecordId(config.stage, props.failover),
      healthCheck: this.healthCheck,
    });
  }
}

/** The domain's regional endpoint; failover aliases must evaluate their target's health too. */
function regionalAlias(domain: DomainName): IAliasRecordTarget {
  return { bind: () => ({ dnsName: domain.regionalDomainName, hostedZoneId: domain.regionalHostedZoneId, evaluateTargetHealth: true }) };
}
