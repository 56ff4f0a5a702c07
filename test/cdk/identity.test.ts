import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { stageConfig } from '../../lib/config/stages';
import { appClients, customAttributes, passwordPolicy, roles, tokenValidity } from '../../lib/platform/identity';
import { buildApp } from '../../lib/stacks/app';

const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const template = Template.fromStack(buildApp(app, stageConfig('dev')).identity);

test('MFA is optional, with TOTP and SMS offered', () => {
  const [pool] = Object.values(template.findResources('AWS::Cognito::UserPool'));
  expect(pool?.Properties.MfaConfiguration).toBe('OPTIONAL');
  expect(pool?.Properties.EnabledMfas).toEqual(expect.arrayContaining(['SOFTWARE_TOKEN_MFA', 'SMS_MFA']));
});

test('the password policy is the one in lib/platform/identity.ts', () => {
  template.hasResourceProperties('AWS::Cognito::UserPool', {
    Policies: {
      PasswordPolicy: {
        MinimumLength: passwordPolicy.minLength,
        RequireLowercase: passwordPolicy.requireLowercase,
        RequireUppercase: passwordPolicy.requireUppercase,
        RequireNumbers: passwordPolicy.requireDigits,
        RequireSymbols: passwordPolicy.requireSymbols,
        TemporaryPasswordValidityDays: passwordPolicy.tempPasswordValidityDays,
      },
    },
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

test('there is one public SRP client per app client, with its token validity', () => {
  template.resourceCountIs('AWS::Cognito::UserPoolClient', appClients.length);
  for (const client of appClients) {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: client,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      AccessTokenValidity: tokenValidity[client].accessMinutes,
      RefreshTokenValidity: tokenValidity[client].refreshDays * 24 * 60,
    });
  }
});

test('no client can write the administrator-set custom attributes', () => {
  const clients = template.findResources('AWS::Cognito::UserPoolClient');
  for (const client of Object.values(clients)) {
    const writable: string[] = client.Properties.WriteAttributes;
    expect(writable.filter((attribute) => attribute.startsWith('custom:'))).toEqual([]);
  }
});
