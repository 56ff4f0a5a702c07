import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { stageConfig } from '../../lib/config/stages';
import { customAttributes, roles } from '../../lib/platform/identity';
import { buildApp } from '../../lib/stacks/app';

const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const template = Template.fromStack(buildApp(app, stageConfig('dev')).identity);

test('MFA is optional, with TOTP and SMS offered', () => {
  const [pool] = Object.values(template.findResources('AWS::Cognito::UserPool'));
  expect(pool?.Properties.MfaConfiguration).toBe('OPTIONAL');
  expect(pool?.Properties.EnabledMfas).toEqual(expect.arrayContaining(['SOFTWARE_TOKEN_MFA', 'SMS_MFA']));
});

// Security-relevant values are pinned as literals: weakening one must change this test too, not only a constant.
test('the password policy: 12 characters of four kinds, temporary passwords valid 3 days', () => {
  const [pool] = Object.values(template.findResources('AWS::Cognito::UserPool'));
  expect(pool?.Properties.Policies.PasswordPolicy).toEqual({
    MinimumLength: 12,
    RequireLowercase: true,
    RequireUppercase: true,
    RequireNumbers: true,
    RequireSymbols: true,
    TemporaryPasswordValidityDays: 3,
  });
});

test('threat protection is enforced on the Plus feature plan', () => {
  template.hasResourceProperties('AWS::Cognito::UserPool', {
    UserPoolTier: 'PLUS',
    UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
  });
});

test('citizens can sign up themselves', () => {
  template.hasResourceProperties('AWS::Cognito::UserPool', {
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
  });
});

test('the pool is protected from deletion and retained', () => {
  template.hasResource('AWS::Cognito::UserPool', {
    Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    DeletionPolicy: 'Retain',
  });
});

test('the custom attributes of lib/platform/identity.ts are in the schema', () => {
  const schema = Object.entries(customAttributes).map(([name, { maxLength }]) =>
    Match.objectLike({ Name: name, AttributeDataType: 'String', StringAttributeConstraints: { MaxLength: String(maxLength) } }),
  );
  template.hasResourceProperties('AWS::Cognito::UserPool', { Schema: Match.arrayWith(schema) });
});

test('there is one group per role', () => {
  template.resourceCountIs('AWS::Cognito::UserPoolGroup', roles.length);
  for (const role of roles) {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: role });
  }
});

test('there is one public SRP client per app: access tokens for an hour (a quarter on kiosks), refresh tokens 30, 90 and 1 days', () => {
  const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient')).map(({ Properties: p }) => ({
    name: p.ClientName,
    secret: p.GenerateSecret,
    flows: p.ExplicitAuthFlows,
    existenceErrors: p.PreventUserExistenceErrors,
    access: [p.AccessTokenValidity, p.TokenValidityUnits?.AccessToken ?? 'minutes'],
    refresh: [p.RefreshTokenValidity, p.TokenValidityUnits?.RefreshToken ?? 'minutes'],
  }));
  const client = (name: string, accessMinutes: number, refreshMinutes: number) => ({
    name,
    secret: false,
    flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    existenceErrors: 'ENABLED',
    access: [accessMinutes, 'minutes'],
    refresh: [refreshMinutes, 'minutes'],
  });
  expect(clients.sort((a, b) => a.name.localeCompare(b.name))).toEqual([client('kiosk', 15, 1440), client('mobile', 60, 129_600), client('portal', 60, 43_200)]);
});

test('no client can write the administrator-set custom attributes', () => {
  const clients = template.findResources('AWS::Cognito::UserPoolClient');
  for (const client of Object.values(clients)) {
    const writable: string[] = client.Properties.WriteAttributes;
    expect(writable.filter((attribute) => attribute.startsWith('custom:'))).toEqual([]);
  }
});
