// The application state machine exactly as CDK synthesizes it, for the local engine to run: the construct is
// synthesized in a throwaway stack (fixed account and region) and its DefinitionString flattened to JSON.
import { App, Stack } from 'aws-cdk-lib';
import { ApplicationWorkflow } from '../lib/constructs/application-workflow';

export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'local';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function synthesizeWorkflowDefinition(stage: string, agencyIds: readonly string[]): Record<string, unknown> {
  // Without CDK's CloudFormation template validation: this stack is never deployed (the deployed one is validated by
  // `cdk synth` and test/cdk/template-validation.test.ts), and its rule engine costs 4 to 6 s of CPU at each start.
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'LocalWorkflow', { env: { account: LOCAL_ACCOUNT, region: LOCAL_REGION } });
  new ApplicationWorkflow(stack, 'Workflow', { stage, agencyIds });
  const template = app.synth().getStackByName(stack.stackName).template as { Resources: Record<string, { Type: string; Properties: Record<string, Json> }> };
  const machine = Object.values(template.Resources).find((resource) => resource.Type === 'AWS::StepFunctions::StateMachine');
  if (!machine) {
    throw new Error('the workflow construct synthesized no state machine');
  }
  return JSON.parse(flatten(machine.Properties.DefinitionString as Json)) as Record<string, unknown>;
}

/** Resolves what CloudFormation would: Fn::Join of literals and pseudo parameters (the env is fixed here). */
function flatten(value: Json): string {
  if (typeof value === 'string') {
    return value;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if ('Fn::Join' in value) {
      const [separator, parts] = value['Fn::Join'] as [string, Json[]];
      return parts.map(flatten).join(separator);
    }
    if ('Ref' in value) {
      const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': LOCAL_REGION, 'AWS::AccountId': LOCAL_ACCOUNT, 'AWS::URLSuffix': 'amazonaws.com' };
      const resolved = pseudo[value.Ref as string];
      if (resolved) {
        return resolved;
      }
    }
  }
  throw new Error(`cannot resolve ${JSON.stringify(value)} in the workflow definition locally`);
}
