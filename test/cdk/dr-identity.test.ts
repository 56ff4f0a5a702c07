// Identity in both regions: each region has its own user pool, its API trusts that pool only, its identity routes
// talk to that pool in that region, and its `mirror-identities` worker copies accounts to the other region's pool.
import { App } from 'aws-cdk-lib';
import type { CfnUserPool } from 'aws-cdk-lib/aws-cognito';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { capabilities } from '../../lib/capabilities';
import { stageConfig } from '../../lib/config/stages';
import { roles } from '../../lib/platform/identity';
import type { IdentityStack } from '../../lib/stacks/identity-stack';
import { buildApp } from '../../lib/stacks/app';
import { SynthesizedApp } from './policies';

type Resource = { [key: string]: any };

describe.each(['dev', 'prod'])('the %s stage', (stage) => {
  const config = stageConfig(stage);
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  const stacks = buildApp(app, config);
  const synthesized = new SynthesizedApp(app.synth());
  const pool = (identity: IdentityStack) => `{${identity.stackName}/${identity.getLogicalId(identity.userPool.node.defaultChild as CfnUserPool)}}`;
  const poolArn = (identity: IdentityStack) => `{${identity.stackName}/${identity.getLogicalId(identity.userPool.node.defaultChild as CfnUserPool)}.Arn}`;
  const regions = [
    { name: 'primary', api: stacks.api, own: stacks.identity, other: stacks.drIdentity, region: config.primaryRegion, otherRegion: config.drRegion },
    { name: 'DR', api: stacks.drApi, own: stacks.drIdentity, other: stacks.identity, region: config.drRegion, otherRegion: config.primaryRegion },
  ];

  /** Every function under an API stack whose service name is `id`, with where it is, its variables and its role's statements. */
  function functionsOf(stackName: string, id: string) {
    return synthesized.resourcesUnder(stackName).flatMap(({ stackName: at, resources }) =>
      Object.values(resources as Record<string, Resource>)
        .filter((resource) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === id)
        .map((fn) => {
          const [roleId] = fn.Properties.Role['Fn::GetAtt'];
          const statements = Object.values(resources as Record<string, Resource>)
            .filter((resource) => resource.Type === 'AWS::IAM::Policy' && JSON.stringify(resource.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
            .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Resource[]);
          return { at, variables: fn.Properties.Environment.Variables as Record<string, unknown>, statements };
        }),
    );
  }
  const cognitoResources = (at: string, statements: Resource[]) =>
    statements.filter((statement) => JSON.stringify(statement.Action).includes('cognito-idp:')).flatMap((statement) => [statement.Resource].flat().map((resource) => synthesized.render(at, resource)));

  test('the DR region has a user pool of its own, with every role group and app client, protected like the primary', () => {
    expect(stacks.drIdentity.region).toBe(config.drRegion);
    const template = Template.fromStack(stacks.drIdentity);
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.resourceCountIs('AWS::Cognito::UserPoolGroup', roles.length);
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 3);
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    expect(stacks.drIdentity.terminationProtection).toBe(config.protectData);
  });

  describe.each(regions)('the $name API', ({ api, own, other, region, otherRegion }) => {
    test("its JWT authorizer trusts its own region's pool", () => {
      const [authorizer] = synthesized
        .resourcesUnder(api.stackName)
        .flatMap(({ stackName: at, resources }) =>
          Object.values(resources as Record<string, Resource>).filter((resource) => resource.Type === 'AWS::ApiGatewayV2::Authorizer').map((resource) => ({ at, resource })),
        );
      const issuer = synthesized.render(authorizer!.at, authorizer!.resource.Properties.JwtConfiguration.Issuer);
      expect(issuer).toBe(`https://${pool(own).replace(/}$/, '.ProviderName}')}`);
      expect(own.region).toBe(region);
    });

    test.each(capabilities.filter((capability) => capability.userPool).map((capability) => capability.id))(
      'the identity route %s talks to its own region\'s pool, in that region',
      (id) => {
        const [fn] = functionsOf(api.stackName, id);
        expect(synthesized.render(fn!.at, fn!.variables.USER_POOL_ID)).toBe(pool(own));
        expect(fn!.variables.USER_POOL_REGION).toBe(region);
        for (const resource of cognitoResources(fn!.at, fn!.statements)) {
          expect(resource).toBe(poolArn(own));
        }
      },
    );

    test("its identity mirror reads its own pool and writes the other region's", () => {
      const [fn] = functionsOf(api.stackName, 'mirror-identities');
      expect(synthesized.render(fn!.at, fn!.variables.USER_POOL_ID)).toBe(pool(own));
      expect(fn!.variables.USER_POOL_REGION).toBe(region);
      expect(synthesized.render(fn!.at, fn!.variables.STANDBY_USER_POOL_ID)).toBe(pool(other));
      expect(fn!.variables.STANDBY_USER_POOL_REGION).toBe(otherRegion);
      const granted = fn!.statements.filter((statement) => JSON.stringify(statement.Action).includes('cognito-idp:'));
      const byPool = Object.fromEntries(granted.map((statement) => [synthesized.render(fn!.at, [statement.Resource].flat()[0]), [statement.Action].flat().sort()]));
      expect(byPool).toEqual({
        [poolArn(own)]: ['cognito-idp:AdminGetUser'],
        [poolArn(other)]: ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminSetUserPassword'],
      });
    });
  });
});
