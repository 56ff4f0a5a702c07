// The user pool's Lambda triggers (lib/catalogue/identity-triggers.ts) beside the pool they guard. They reach the
// registry tables by their fixed names and the tables' key by its alias, so the identity stack needs nothing from
// the data stack (which deploys after it). The post confirmation trigger's AdminAddUserToGroup is a separate policy:
// the pool names the function, so a grant the function itself depended on would be a cycle.
import { RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { type UserPool, UserPoolOperation } from 'aws-cdk-lib/aws-cognito';
import { type ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Alias } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { type IdentityTrigger, identityTriggers } from '../catalogue/identity-triggers';
import type { StageConfig } from '../config/stages';
import { type TableId, tableDefinitions, tableName } from '../platform/tables';
import { pascalCase, tableKeyAlias } from '../stacks/names';
import { CapabilityFunction } from './capability-function';

const operations: Record<IdentityTrigger['operation'], UserPoolOperation> = {
  PreSignUp: UserPoolOperation.PRE_SIGN_UP,
  PostConfirmation: UserPoolOperation.POST_CONFIRMATION,
};

export interface IdentityTriggersProps {
  readonly config: StageConfig;
  readonly userPool: UserPool;
}

export class IdentityTriggers extends Construct {
  public readonly functions: ReadonlyMap<string, CapabilityFunction>;

  constructor(scope: Construct, id: string, props: IdentityTriggersProps) {
    super(scope, id);
    const { config, userPool } = props;
    const key = Alias.fromAliasName(this, 'TableKey', tableKeyAlias(config));
    const account = Token.isUnresolved(Stack.of(this).account) ? '<AWS::AccountId>' : Stack.of(this).account;
    const tables = Object.fromEntries(
      tableDefinitions.map((definition) => [
        definition.id,
        TableV2.fromTableAttributes(this, `${pascalCase(definition.id)}Table`, { tableName: tableName(config.stage, definition.id), encryptionKey: key }),
      ]),
    ) as Record<TableId, ITableV2>;
    this.functions = new Map(
      identityTriggers.map((trigger) => {
        const handler = new CapabilityFunction(this, pascalCase(trigger.id), {
          entry: trigger.entry,
          description: trigger.description,
          logRetention: config.logRetentionDays,
          logRemovalPolicy: config.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
          // Cognito waits 5 s for a trigger; the sign-up answers within the same budget.
          timeoutSeconds: 5,
          environment: { STAGE: config.stage, POWERTOOLS_SERVICE_NAME: trigger.id },
        });
        handler.bindTables(trigger.tables, tables);
        Validations.of(handler.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:aws:kms:${Stack.of(this).region}:${account}:key/*]`,
          reason: "The tables' key is named by its alias (the data stack deploys after this one): the grant holds only where kms:ResourceAliases is that alias",
        });
        if (trigger.addsToGroup) {
          new Policy(this, `${pascalCase(trigger.id)}Groups`, {
            roles: [handler.role],
            statements: [new PolicyStatement({ actions: ['cognito-idp:AdminAddUserToGroup'], resources: [userPool.userPoolArn] })],
          });
        }
        userPool.addTrigger(operations[trigger.operation], handler.function);
        return [trigger.id, handler] as const;
      }),
    );
  }
}
