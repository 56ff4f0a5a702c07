import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { workers } from '../../lib/catalogue/workers';
import { capabilities } from '../../lib/capabilities';
import { type Capability, routeKey } from '../../lib/catalogue/types';
import { stageConfig } from '../../lib/config/stages';
import { appClients } from '../../lib/platform/identity';
import { type TableId, tableDefinitions, tableEnvName, tableName } from '../../lib/platform/tables';
import { buildApp } from '../../lib/stacks/app';
import { apiTemplate } from './api-template';

type Resource = { [key: string]: any };
type Statement = { Action: string | string[]; Resource: unknown };

const config = stageConfig('dev');
const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
const stacks = buildApp(app, config);
const regions = [
  { name: 'primary', template: apiTemplate(stacks.api), region: config.primaryRegion, keyStack: stacks.data },
  { name: 'DR', template: apiTemplate(stacks.drApi), region: config.drRegion, keyStack: stacks.drKeys },
];

const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const byId = (capability: Capability) => [capability.id, capability] as const;
const tableIds = (capability: Capability) => Object.keys(capability.tables) as TableId[];
const readOnly = capabilities.filter((c) => tableIds(c).length > 0 && Object.values(c.tables).every((a) => a === 'read'));
const writers = capabilities.filter((c) => Object.values(c.tables).some((a) => a !== 'read' && a !== 'describe'));
const describeOnly = capabilities.filter((c) => tableIds(c).length > 0 && Object.values(c.tables).every((a) => a === 'describe'));
const withoutTables = capabilities.filter((c) => tableIds(c).length === 0);

function only(resources: Record<string, Resource>, what: string): [string, Resource] {
  const entries = Object.entries(resources);
  expect({ what, count: entries.length }).toEqual({ what, count: 1 });
  return entries[0]!;
}

/** Each capability's function is described by its route key; exactly one must exist. */
function functionOf(template: Template, capability: Capability): [string, Resource] {
  const functions = template.findResources('AWS::Lambda::Function', { Properties: { Description: routeKey(capability.route) } });
  return only(functions, `function for ${capability.id}`);
}

function routeOf(template: Template, capability: Capability): Resource {
  const routes = template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey(capability.route) } });
  return only(routes, `route ${routeKey(capability.route)}`)[1];
}

function statementsOf(template: Template, capability: Capability): Statement[] {
  const [roleId] = functionOf(template, capability)[1].Properties.Role['Fn::GetAtt'];
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  return Object.values(policies).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

const actionsOf = (statements: Statement[]) => statements.flatMap((statement) => [statement.Action].flat());

describe.each(regions)('$name API', ({ template, region, keyStack }) => {
  test('the authorizer is a JWT authorizer on the pool issuer, for every app client', () => {
    const [, authorizer] = only(template.findResources('AWS::ApiGatewayV2::Authorizer'), 'authorizer');
    expect(authorizer.Properties).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'] });
    const { Audience, Issuer } = authorizer.Properties.JwtConfiguration;
    expect(Issuer['Fn::Join'][1][0]).toBe('https://');
    expect(JSON.stringify(Issuer)).toContain('ProviderName');
    expect(Audience).toHaveLength(appClients.length);
    for (const client of appClients) {
      expect(JSON.stringify(Audience).toLowerCase()).toContain(`${client}client`);
    }
  });

  test('there is exactly one route per capability', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', capabilities.length);
  });

  test.each(capabilities.map(byId))('%s has its route, wired to its own function', (_id, capability) => {
    const route = routeOf(template, capability);
    const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref;
    const integration = template.toJSON().Resources[integrationId];
    const [functionId] = functionOf(template, capability);
    expect(integration.Properties.IntegrationUri).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
  });

  test.each(capabilities.map(byId))('%s has the JWT authorizer exactly when it is not public', (_id, capability) => {
    const route = routeOf(template, capability);
    if (capability.route.access === 'public') {
      expect(route.Properties.AuthorizationType).toBe('NONE');
      expect(route.Properties.AuthorizerId).toBeUndefined();
    } else {
      const [authorizerId] = only(template.findResources('AWS::ApiGatewayV2::Authorizer'), 'authorizer');
      expect(route.Properties.AuthorizationType).toBe('JWT');
      expect(route.Properties.AuthorizerId).toEqual({ Ref: authorizerId });
    }
  });

  test.each(capabilities.map(byId))('%s runs on nodejs22.x, arm64, with active tracing', (_id, capability) => {
    const [, fn] = functionOf(template, capability);
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      MemorySize: capability.memoryMb ?? 256,
      Timeout: capability.timeoutSeconds ?? 10,
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: expect.any(String) } },
    });
  });

  test.each(capabilities.map(byId))('%s gets the stage, its service name and exactly its tables', (_id, capability) => {
    const variables = functionOf(template, capability)[1].Properties.Environment.Variables;
    expect(Object.keys(variables).sort()).toEqual(
      [
        'STAGE',
        'POWERTOOLS_SERVICE_NAME',
        'CATALOGUE_CACHE_SECONDS',
        ...tableIds(capability).map(tableEnvName),
        ...(capability.userPool ? ['USER_POOL_ID', 'USER_POOL_CLIENT_ID', 'USER_POOL_REGION'] : []),
        ...(capability.workflow ? ['WORKFLOW_STATE_MACHINE_ARN'] : []),
        ...(capability.knowsVersion ? ['KHIDMA_COMMIT'] : []),
        ...(capability.publicLinks ? ['PUBLIC_BASE_URL'] : []),
        ...(capability.documentSigning ? ['DOCUMENT_SIGNING_KEY_ID'] : []),
        ...(capability.uploads ? ['UPLOAD_BUCKET'] : []),
        ...(capability.auditCheckpoints ? ['AUDIT_CHECKPOINT_BUCKET'] : []),
        ...(capability.paymentProvider === 'call' ? ['PAYMENT_PROVIDER_URL'] : []),
        ...(capability.paymentProvider === 'verify' ? ['PAYMENT_NOTIFICATION_SECRET_ARN'] : []),
      ].sort(),
    );
    expect(variables).toMatchObject({
      STAGE: config.stage,
      POWERTOOLS_SERVICE_NAME: capability.id,
      // The catalogue's documented freshness bound in dev.
      CATALOGUE_CACHE_SECONDS: '30',
    });
  });

  test.each(readOnly.map(byId))('%s reads only: its role has no write action', (_id, capability) => {
    const actions = actionsOf(statementsOf(template, capability));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    expect(actions.filter((action) => writeActions.includes(action))).toEqual([]);
  });

  test.each(writers.map(byId))('%s may write, and encrypt with the table key', (_id, capability) => {
    const actions = actionsOf(statementsOf(template, capability));
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'kms:GenerateDataKey*']));
  });

  test.each(describeOnly.map(byId))('%s may only describe its tables: no item is read or written, no key used', (_id, capability) => {
    const actions = actionsOf(statementsOf(template, capability)).filter((action) => /^(dynamodb|kms):/.test(action));
    expect([...new Set(actions)]).toEqual(['dynamodb:DescribeTable']);
  });

  test.each(withoutTables.map(byId))('%s has no DynamoDB or KMS permission (but reading the issuer key if it publishes it)', (_id, capability) => {
    const actions = actionsOf(statementsOf(template, capability));
    expect(actions.filter((action) => /^(dynamodb|kms):/.test(action))).toEqual(capability.documentSigning === 'publicKey' ? ['kms:GetPublicKey'] : []);
  });

  test('documents and audit checkpoints are signed by an ECC_NIST_P256 KMS key that only the issuing and checkpoint workers may sign with', () => {
    const [keyId, key] = only(template.findResources('AWS::KMS::Key', { Properties: { KeySpec: 'ECC_NIST_P256' } }), 'document signing key');
    expect(key.Properties.KeyUsage).toBe('SIGN_VERIFY');
    const signers = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      (policy.Properties.PolicyDocument.Statement as Statement[]).some((statement) => [statement.Action].flat().includes('kms:Sign')),
    );
    const signerRoles = signers.flatMap((signer) => signer.Properties.Roles.map((role: { Ref: string }) => role.Ref));
    const issuers = Object.values(template.findResources('AWS::Lambda::Function')).filter((fn) => signerRoles.includes(fn.Properties.Role['Fn::GetAtt'][0]));
    const declared = workers.filter((worker) => worker.documentSigning === 'sign').map((worker) => worker.description);
    expect(declared.map((description) => workers.find((worker) => worker.description === description)!.id).sort()).toEqual(['checkpoint-audit', 'issue-documents']);
    expect(issuers.map((fn) => fn.Properties.Description).sort()).toEqual(declared.sort());
    for (const signer of signers) {
      expect(JSON.stringify(signer)).toContain(keyId.slice(0, 10));
    }
  });

  test("the payment provider's URL reaches the functions that call it, and only the notification route may read its signing secret", () => {
    const url = config.payments.providerUrl;
    const described = (fn: { [key: string]: any }) => fn.Properties.Description as string | undefined;
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const callers = functions.filter((fn) => fn.Properties.Environment?.Variables?.PAYMENT_PROVIDER_URL === url).map(described).sort();
    const expectedCallers = [
      ...capabilities.filter((capability) => capability.paymentProvider === 'call').map((capability) => routeKey(capability.route)),
      ...workers.filter((worker) => worker.paymentProvider === 'call').map((worker) => worker.description),
    ].sort();
    expect(callers).toEqual(expectedCallers);
    expect(expectedCallers.length).toBeGreaterThanOrEqual(3);

    const [secretId] = only(template.findResources('AWS::SecretsManager::Secret'), 'payment notification secret');
    const readers = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) =>
      (policy.Properties.PolicyDocument.Statement as Statement[]).some((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue')),
    );
    expect(readers).toHaveLength(1);
    expect(JSON.stringify(readers[0])).toContain(secretId);
    const notify = capabilities.find((capability) => capability.paymentProvider === 'verify')!;
    const [, fn] = functionOf(template, notify);
    expect(fn.Properties.Environment.Variables.PAYMENT_NOTIFICATION_SECRET_ARN).toEqual({ Ref: secretId });
    expect(readers[0]!.Properties.Roles).toEqual([fn.Properties.Role['Fn::GetAtt'][0]].map((role) => ({ Ref: role })));
  });

  test.each(capabilities.map(byId))('%s is granted exactly the user-pool actions it lists', (_id, capability) => {
    const actions = actionsOf(statementsOf(template, capability)).filter((action) => action.startsWith('cognito-idp:'));
    expect(actions.sort()).toEqual((capability.userPool ?? []).map((action) => `cognito-idp:${action}`).sort());
  });

  test.each(capabilities.map(byId))('%s is granted nothing on tables it does not use', (_id, capability) => {
    const granted = JSON.stringify(statementsOf(template, capability)).toLowerCase();
    for (const definition of tableDefinitions.filter((d) => !tableIds(capability).includes(d.id))) {
      expect(granted).not.toContain(`${definition.id}table`);
      expect(granted).not.toContain(`table/${tableName(config.stage, definition.id)}`);
    }
  });

  test('index reads are granted per named index, never on index/*', () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).not.toContain('/index/*');
    expect(policies).toContain('/index/gsi1');
  });

  test('the default stage throttles (dev: 100 requests/s, bursts of 200) and writes JSON access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: 100,
        ThrottlingBurstLimit: 200,
      },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AccessLogs'), 'Arn'] } },
    });
    const [, stage] = only(template.findResources('AWS::ApiGatewayV2::Stage'), 'stage');
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latency: '$context.responseLatency',
      ip: '$context.identity.sourceIp',
    });
  });

  test('routes whose contract sets a throttle (the public auth routes) get it as route settings', () => {
    const throttled = capabilities.filter((capability) => capability.route.throttle);
    expect(throttled.map((capability) => capability.id).sort()).toEqual(['confirm-sign-up', 'sign-up']);
    const [, stage] = only(template.findResources('AWS::ApiGatewayV2::Stage'), 'stage');
    for (const { route } of throttled) {
      expect(stage.Properties.RouteSettings[routeKey(route)]).toEqual({ ThrottlingRateLimit: route.throttle!.rateLimit, ThrottlingBurstLimit: route.throttle!.burstLimit });
    }
  });

  test('every log group (access logs and functions) keeps 30 days (dev)', () => {
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    // One per capability and per worker, the access logs and the workflow's logs; in the primary region the
    // reference loader's and (dev) the demo loader's; in the DR region the replica stream readers' (the workflows'
    // stack's and the audit checkpoints' stack's).
    expect(groups).toHaveLength(capabilities.length + workers.length + 2 + 2);
    expect(new Set(groups.map((group) => group.Properties.RetentionInDays))).toEqual(new Set([30]));
  });

  test('the API URL is an output', () => {
    template.hasOutput('ApiUrl', { Value: { 'Fn::Join': ['', Match.arrayWith(['https://'])] } });
  });

  test(`tables are read in ${region}, with that region's table key`, () => {
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain(keyStack.stackName);
    if (region === config.drRegion) {
      expect(policies).toContain(`:dynamodb:${region}:`);
    }
  });
});

test('the DR functions name the replica tables directly', () => {
  for (const capability of capabilities) {
    const variables = functionOf(regions[1]!.template, capability)[1].Properties.Environment.Variables;
    for (const id of tableIds(capability)) {
      expect(variables[tableEnvName(id)]).toBe(tableName(config.stage, id));
    }
  }
});
