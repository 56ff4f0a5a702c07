// Grants of the operators' queue routes: depths and attributes of the stage's queues, ages from CloudWatch, and
// for redrive the SQS message move task (receive and delete on the DLQs, send back to the queues).
import { Aws, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CapabilityFunction } from './capability-function';

export function bindQueueOperations(handler: CapabilityFunction, access: 'inspect' | 'redrive', stage: string): void {
  const queuesOf = (partition: string, region: string, account: string, suffix = '') => `arn:${partition}:sqs:${region}:${account}:khidma-${stage}-*${suffix}`;
  const queues = queuesOf(Aws.PARTITION, Aws.REGION, Aws.ACCOUNT_ID);
  const deadLetterQueues = queuesOf(Aws.PARTITION, Aws.REGION, Aws.ACCOUNT_ID, '-dlq');
  handler.function.addToRolePolicy(new PolicyStatement({ actions: ['sqs:GetQueueUrl', 'sqs:GetQueueAttributes'], resources: [queues] }));
  handler.function.addToRolePolicy(new PolicyStatement({ actions: ['cloudwatch:GetMetricData'], resources: ['*'] }));
  const reasons: Record<string, string> = {
    'AwsSolutions-IAM5[Resource::*]': 'CloudWatch GetMetricData has no resource-level permissions; it reads the queues\' ages',
    [`AwsSolutions-IAM5[Resource::${queuesOf('<AWS::Partition>', '<AWS::Region>', '<AWS::AccountId>')}]`]: "The operators' queue routes cover every queue of the stage, and only those",
  };
  if (access === 'redrive') {
    handler.function.addToRolePolicy(new PolicyStatement({ actions: ['sqs:StartMessageMoveTask', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'], resources: [deadLetterQueues] }));
    handler.function.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queues] }));
    reasons[`AwsSolutions-IAM5[Resource::${queuesOf('<AWS::Partition>', '<AWS::Region>', '<AWS::AccountId>', '-dlq')}]`] = "A redrive moves any of the stage's dead-letter queues back to its queue";
  }
  for (const [id, reason] of Object.entries(reasons)) {
    Validations.of(handler.role).acknowledge({ id, reason });
  }
}
