#!/usr/bin/env node
// CDK app. Without a stage, the deployment pipeline (`KhidmaPipeline`, which deploys every stage of the
// `pipeline` config in its waves); with `--context stage=<name>`, that one stage's stacks for a hand deploy
// (`npm run deploy -- --context stage=<name>`). cdk-nag AwsSolutions gates synthesis either way.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { pipeline, stageConfig } from '../lib/config/stages';
import { PipelineStack } from '../lib/pipeline/pipeline-stack';
import { buildApp } from '../lib/stacks/app';
import { deployedCommit } from './commit';

// Context given on the command line (-c commit=...) takes precedence over this default.
const app = new App({ context: { commit: deployedCommit() } });
const stage: string | undefined = app.node.tryGetContext('stage');
if (stage) {
  buildApp(app, stageConfig(stage));
} else {
  new PipelineStack(app, 'KhidmaPipeline', { env: { account: pipeline.account, region: pipeline.region }, pipeline });
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
