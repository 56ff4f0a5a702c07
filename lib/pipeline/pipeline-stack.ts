// The deployment pipeline (CDK Pipelines, self-mutating): source from a repository connection, a synth step
// that installs, tests and synthesizes, then waves dev → staging → prod (behind a manual approval). Each stage
// deploys its stacks in dependency order (keys and data before APIs, the primary API before the DR API) and
// ends with a smoke step that calls both regions' GET /v1/health and GET /v1/services.
import { CfnOutput, Stack, type StackProps, Stage, type StageProps } from 'aws-cdk-lib';
import { BuildSpec, LinuxBuildImage } from 'aws-cdk-lib/aws-codebuild';
import { CodePipeline, CodePipelineSource, ManualApprovalStep, ShellStep } from 'aws-cdk-lib/pipelines';
import type { Construct } from 'constructs';
import { type PipelineConfig, type StageConfig, stageConfig } from '../config/stages';
import { buildApp, type KhidmaStacks } from '../stacks/app';
import { acknowledgeGeneratedGrants } from './generated-grants';

/** One stage's stacks in both regions, as a deployable unit of the pipeline. */
export class KhidmaStage extends Stage {
  public readonly stacks: KhidmaStacks;

  constructor(scope: Construct, id: string, props: StageProps & { readonly config: StageConfig }) {
    super(scope, id, props);
    this.stacks = buildApp(this, props.config);
  }
}

export interface PipelineStackProps extends StackProps {
  readonly pipeline: PipelineConfig;
}

/** Fails unless the API answers: health must say ok, the catalogue must list. */
export function smokeStep(stage: KhidmaStage): ShellStep {
  const { api, drApi } = stage.stacks;
  return new ShellStep(`Smoke-${stage.stageName}`, {
    envFromCfnOutputs: { PRIMARY_URL: api.apiUrlOutput, DR_URL: drApi.apiUrlOutput },
    commands: [
      'for url in "$PRIMARY_URL" "$DR_URL"; do',
      '  curl -fsS --retry 5 --retry-all-errors --max-time 10 "${url%/}/v1/health" | tee /dev/stderr | grep -q \'"status":"ok"\'',
      '  curl -fsS --retry 5 --retry-all-errors --max-time 10 "${url%/}/v1/services?limit=1" | grep -q \'"items"\'',
      'done',
    ],
  });
}

export class PipelineStack extends Stack {
  public readonly pipeline: CodePipeline;
  public readonly stages: readonly KhidmaStage[];

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { pipeline: config } = props;
    const source = CodePipelineSource.connection(config.repository, config.branch, { connectionArn: config.connectionArn });
    this.pipeline = new CodePipeline(this, 'Pipeline', {
      pipelineName: 'khidma',
      selfMutation: true,
      // One CodeBuild project publishes every asset (each function is one): a project per asset would put well over a
      // hundred projects and their policy statements in this stack.
      publishAssetsInParallel: false,
      // The tests of the synth step need Node 20 and Java 17 (DynamoDB Local), as on a developer's machine.
      codeBuildDefaults: {
        buildEnvironment: { buildImage: LinuxBuildImage.STANDARD_7_0 },
        partialBuildSpec: BuildSpec.fromObject({ phases: { install: { 'runtime-versions': { nodejs: '20', java: 'corretto17' } } } }),
      },
      crossAccountKeys: false,
      synth: new ShellStep('Synth', {
        input: source,
        commands: ['npm ci', 'npx tsc --noEmit', 'npx jest --selectProjects unit', 'npx cdk synth'],
      }),
    });
    const stages = config.stages.map((name) => {
      const stage = stageConfig(name);
      return new KhidmaStage(this, name, { config: stage, env: { account: stage.account ?? config.account, region: stage.primaryRegion } });
    });
    for (const stage of stages) {
      const wave = this.pipeline.addWave(stage.stageName);
      wave.addStage(stage, {
        pre: config.approvalBefore.includes(stage.stageName) ? [new ManualApprovalStep(`Approve-${stage.stageName}`)] : [],
        post: [smokeStep(stage)],
      });
    }
    this.stages = stages;
    this.pipeline.buildPipeline();
    acknowledgeGeneratedGrants(
      this.pipeline,
      this.node.root.node.children.filter((child) => child.node.id.startsWith('cross-region-stack-')),
    );
    new CfnOutput(this, 'PipelineName', { value: 'khidma' });
  }
}
