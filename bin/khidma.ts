#!/usr/bin/env node
// CDK app: `--context stage=<name>` picks the stage config (default dev); cdk-nag AwsSolutions gates synthesis.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageConfig } from '../lib/config/stages';
import { buildApp } from '../lib/stacks/app';
import { deployedCommit } from './commit';

// Context given on the command line (-c commit=...) takes precedence over this default.
const app = new App({ context: { commit: deployedCommit() } });
buildApp(app, stageConfig(app.node.tryGetContext('stage')));
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
