import { App, ReferenceStrength } from 'aws-cdk-lib';
import type { CfnUserPool, CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import cdkJson from '../../cdk.json';
import { capabilities } from '../../lib/capabilities';
import type { Capability } from '../../lib/catalogue/types';
import { stageConfig } from '../../lib/config/stages';
import { ApiStack } from '../../lib/stacks/api-stack';
import { buildApp } from '../../lib/stacks/app';
import { SynthesizedApp } from './policies';

type Resource = { [key: string]: any };

const config = stageConfig('dev');
const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const { identity, data, drKeys } = buildApp(app, config);
const { userPool: _userPool, publicWriteReason: _reason, ...base } = capabilities.find((c) => c.route.access !== 'public')!;
const fixtures: Record<string, Capability> = {
  admin: { ...base, id: 'admin-users', route: { ...base.route, path: '/admin' }, userPool: ['AdminCreateUser', 'AdminAddUserToGroup'] },
  signUp: {
    ...base,
    id: 'sign-up-fixture',
    route: { ...base.route, method: 'POST', path: '/sign-up', access: 'public' },
    userPool: [],
    publicWriteReason: 'sign-up happens before the caller has a token; Cognito checks the app client id',
  },
  noPool: { ...base, id: 'no-pool', route: { ...base.route, path: '/no-pool' } },
};
const stacks = [
  new ApiStack(app, 'PoolPrimary', {
    env: { region: config.primaryRegion },
    config,
    identity,
    tables: data.tables,
    capabilities: Object.values(fixtures),
  }),
  new ApiStack(app, 'PoolDr', {
    env: { region: config.drRegion },
    config,
    identity,
    tables: drKeys.replicaTables,
    capabilities: Object.values(fixtures),
    crossRegionReferences: true,
    consumeReferences: ReferenceStrength.STRONG,
  }),
];
const assembly = app.synth();
const synthesized = new SynthesizedApp(assembly);
const poolArn = `{${identity.stackName}/${identity.getLogicalId(identity.userPool.node.defaultChild as CfnUserPool)}.Arn}`;
const poolId = `{${identity.stackName}/${identity.getLogicalId(identity.userPool.node.defaultChild as CfnUserPool)}}`;
const portalClientId = `{${identity.stackName}/${identity.getLogicalId(identity.clients.portal.node.defaultChild as CfnUserPoolClient)}}`;

/** The function of a capability (in the API stack or one nested in it), the statements of its role's policies, and where it is. */
function functionOf(stackName: string, capability: Capability) {
  const found = synthesized.resourcesUnder(stackName).flatMap(({ stackName: at, resources }) =>
    Object.values(resources as Record<string, Resource>)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === capability.id)
      .map((fn) => ({ at, fn, resources: resources as Record<string, Resource> })),
  );
  expect(found.map(({ at }) => at)).toHaveLength(1);
  const { at, fn, resources } = found[0]!;
  const [roleId] = fn.Properties.Role['Fn::GetAtt'];
  const statements = Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy' && JSON.stringify(resource.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Resource[]);
  const variables: Record<string, unknown> = fn.Properties.Environment.Variables;
  return { statements, variables, at };
}

const cognito = (statements: Resource[]) => statements.filter((statement) => JSON.stringify(statement.Action).includes('cognito-idp:'));

describe.each(stacks.map((stack) => stack.stackName))('in %s', (stackName) => {
  test('a capability listing user-pool actions gets exactly those, on the primary pool only', () => {
    const { statements, at } = functionOf(stackName, fixtures.admin!);
    const granted = cognito(statements);
    expect(granted.flatMap((statement) => [statement.Action].flat()).sort()).toEqual([
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminCreateUser',
    ]);
    for (const statement of granted) {
      expect(statement.Effect).toBe('Allow');
      expect([statement.Resource].flat().map((resource) => synthesized.render(at, resource))).toEqual([poolArn]);
    }
  });

  test.each(['admin', 'signUp'])('%s gets the pool id and the portal client id', (fixture) => {
    const { variables, at } = functionOf(stackName, fixtures[fixture]!);
    expect(synthesized.render(at, variables.USER_POOL_ID)).toBe(poolId);
    expect(synthesized.render(at, variables.USER_POOL_CLIENT_ID)).toBe(portalClientId);
  });

  test('an empty user-pool list gives the ids but no cognito-idp permission', () => {
    expect(cognito(functionOf(stackName, fixtures.signUp!).statements)).toEqual([]);
  });

  test('a capability without a user pool gets neither the ids nor any cognito-idp permission', () => {
    const { statements, variables } = functionOf(stackName, fixtures.noPool!);
    expect(cognito(statements)).toEqual([]);
    expect(Object.keys(variables).filter((name) => name.startsWith('USER_POOL'))).toEqual([]);
  });
});
