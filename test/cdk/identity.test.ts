import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { capabilities } from '../../lib/capabilities';
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

describe('sign-up guarded by the pool’s triggers (issue 13)', () => {
  const functions = template.findResources('AWS::Lambda::Function');
  const functionNamed = (description: string) => Object.keys(functions).find((id) => String(functions[id]!.Properties.Description).startsWith(description))!;
  const policiesOf = (functionId: string) => {
    const roleId = functions[functionId]!.Properties.Role['Fn::GetAtt'][0];
    return Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId));
  };
  const actionsOf = (functionId: string) =>
    policiesOf(functionId).flatMap((policy) => policy.Properties.PolicyDocument.Statement.flatMap((statement: { Action: string | string[] }) => [statement.Action].flat()));

  test('the pool calls the pre sign-up and post confirmation functions, and only the pool may invoke them', () => {
    const preSignUp = functionNamed('Cognito pre sign-up');
    const postConfirmation = functionNamed('Cognito post confirmation');
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PreSignUp: { 'Fn::GetAtt': [preSignUp, 'Arn'] }, PostConfirmation: { 'Fn::GetAtt': [postConfirmation, 'Arn'] } },
    });
    for (const id of [preSignUp, postConfirmation]) {
      template.hasResourceProperties('AWS::Lambda::Permission', {
        FunctionName: { 'Fn::GetAtt': [id, 'Arn'] },
        Principal: 'cognito-idp.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('UserPool'), 'Arn'] },
      });
    }
  });

  test('only the post confirmation function adds to a group, on its own pool; neither trigger has any other Cognito right', () => {
    const postConfirmation = functionNamed('Cognito post confirmation');
    const groupStatements = policiesOf(postConfirmation).flatMap((policy) => policy.Properties.PolicyDocument.Statement).filter((statement: { Action: unknown }) => String(statement.Action).startsWith('cognito-idp:'));
    expect(groupStatements).toEqual([expect.objectContaining({ Action: 'cognito-idp:AdminAddUserToGroup', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^UserPool/), 'Arn'] } })]);
    expect(actionsOf(functionNamed('Cognito pre sign-up')).filter((action: string) => action.startsWith('cognito-idp:'))).toEqual([]);
  });

  test('the public sign-up function can neither make a group member nor write a link (its grants come from the catalogue)', () => {
    const signUp = capabilities.find((capability) => capability.id === 'sign-up')!;
    expect(signUp.userPool).toEqual(['AdminDeleteUser', 'AdminGetUser']);
    expect(signUp.tables.registry).toBe('read');
  });

  test('the pre sign-up function reads and writes the registry table only; the post confirmation one also appends audit', () => {
    const tableArns = (functionId: string) =>
      policiesOf(functionId)
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
        .filter((statement: { Action: unknown }) => [statement.Action].flat().some((action) => String(action).startsWith('dynamodb:')))
        .flatMap((statement: { Resource: unknown }) => [statement.Resource].flat())
        .map((resource) => JSON.stringify(resource).match(/table\/(khidma-dev-[a-z-]+)/)?.[1])
        .filter(Boolean);
    expect(new Set(tableArns(functionNamed('Cognito pre sign-up')))).toEqual(new Set(['khidma-dev-registry']));
    expect(new Set(tableArns(functionNamed('Cognito post confirmation')))).toEqual(new Set(['khidma-dev-registry', 'khidma-dev-audit']));
  });
});

test('the triggers reach the tables’ key only through its alias', () => {
  const keyStatements = Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
    .filter((statement: { Action: unknown }) => [statement.Action].flat().some((action) => String(action).startsWith('kms:')));
  expect(keyStatements.length).toBeGreaterThan(0);
  for (const statement of keyStatements) {
    expect(statement.Condition).toEqual({ 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/khidma-dev-tables' } });
  }
});
