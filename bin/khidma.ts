#!/usr/bin/env node
// CDK app: `--context stage=<name>` picks the stage config (default dev); cdk-nag AwsSolutions gates synthesis.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig } from '../lib/config/stages';
import { buildApp } from '../lib/stacks/app';

const app = new App();
buildApp(app, stageConfig(app.node.tryGetContext('stage')));
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
