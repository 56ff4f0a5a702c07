// cdk-nag findings on the IAM policies and buckets CDK Pipelines generates, acknowledged one finding at a time
// (cdk-nag's IAM5 is granular: `Action::s3:List*`, `Resource::<arn>`), each with why it is acceptable. Only the
// wildcards listed here are acknowledged: a new kind of wildcard the library starts to generate fails synthesis.
import { Stack, Validations } from 'aws-cdk-lib';
import { CfnProject } from 'aws-cdk-lib/aws-codebuild';
import { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import type { IConstruct } from 'constructs';

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Actions that accept no resource-level permission, as CDK Pipelines grants them on `*`. */
const UNSCOPABLE_ACTIONS = new Set(['cloudformation:DescribeStacks', 's3:ListBucket', 'codebuild:BatchGetBuilds', 'codebuild:StartBuild', 'codebuild:StopBuild']);

const KNOWN_WILDCARDS: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  {
    pattern: /^Action::s3:(GetObject|GetBucket|List|DeleteObject|Abort|PutObject)\*$/,
    reason: "CDK Pipelines' grants on build artifacts: read and write objects of the pipeline's own artifact and replication buckets only",
  },
  {
    pattern: /^Resource::(<PipelineArtifactsBucket[A-F0-9]+\.Arn>|arn:aws:s3:::[a-z0-9-]+-support-[a-z0-9-]+)\/\*$/,
    reason: "Objects of the pipeline's artifact bucket and of its cross-region replication buckets, which hold build artifacts only",
  },
  {
    pattern: /^Resource::arn:aws:(logs:[a-z0-9-]+:\d{12}:log-group:\/aws\/codebuild\/|codebuild:[a-z0-9-]+:\d{12}:report-group\/)/,
    reason: 'Each CodeBuild project of the pipeline writes its own log streams and test reports, named after the project',
  },
  {
    pattern: /^Resource::arn:\*:iam::\d{12}:role\/\*$/,
    reason: 'Self-mutation assumes the CDK bootstrap roles of the target accounts, limited by a condition on their aws-cdk:bootstrap-role tag',
  },
];

/** The IAM5 finding ids of a policy, computed the way cdk-nag computes them. */
function wildcardFindings(policy: CfnPolicy): { readonly id: string; readonly unscopable: boolean }[] {
  const document = Stack.of(policy).resolve(policy.policyDocument) as { Statement?: Statement[] };
  return (document.Statement ?? [])
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) => {
      const actions = ([] as string[]).concat(statement.Action);
      const unscopable = actions.every((action) => UNSCOPABLE_ACTIONS.has(action));
      const resources = ([] as unknown[]).concat(statement.Resource).map((resource) => String(flattenCfnReference(resource)));
      return [
        ...actions.filter((action) => action.includes('*')).map((action) => ({ id: `Action::${action}`, unscopable })),
        ...resources.filter((resource) => resource.includes('*')).map((resource) => ({ id: `Resource::${resource}`, unscopable })),
      ];
    });
}

function reasonFor(finding: { readonly id: string; readonly unscopable: boolean }): string | undefined {
  if (finding.id === 'Resource::*') {
    return finding.unscopable ? 'DescribeStacks, ListBucket and CodeBuild build control accept no resource-level permission' : undefined;
  }
  return KNOWN_WILDCARDS.find(({ pattern }) => pattern.test(finding.id))?.reason;
}

/** Acknowledges the known findings on what CDK Pipelines generated under `pipeline` and in its cross-region support stacks. */
export function acknowledgeGeneratedGrants(pipeline: IConstruct, supportStacks: readonly IConstruct[]): void {
  for (const construct of pipeline.node.findAll()) {
    if (construct instanceof CfnPolicy) {
      const known = wildcardFindings(construct).flatMap((finding) => {
        const reason = reasonFor(finding);
        return reason ? [{ id: `AwsSolutions-IAM5[${finding.id}]`, reason }] : [];
      });
      if (known.length > 0) {
        Validations.of(construct).acknowledge(...known);
      }
    } else if (construct instanceof CfnProject) {
      Validations.of(construct).acknowledge({ id: 'AwsSolutions-CB4', reason: 'Build outputs go to the artifact bucket, which is encrypted; the builds hold no data of citizens' });
    }
  }
  for (const construct of [pipeline, ...supportStacks].flatMap((scope) => scope.node.findAll())) {
    if (construct instanceof CfnBucket) {
      Validations.of(construct).acknowledge({
        id: 'AwsSolutions-S1',
        reason: 'Pipeline artifacts are rebuilt on every run; access to them is in CloudTrail, no server access log needed',
      });
    }
  }
}
