// A CloudFormation custom resource backed by one Lambda function (no provider framework): run the work on Create
// and Update, nothing on Delete (the data outlives the stack), and always answer CloudFormation's pre-signed URL.
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { logger } from '../shared/logger';

export function customResourceHandler(physicalId: string, work: () => Promise<Record<string, string>>) {
  return async (event: CloudFormationCustomResourceEvent): Promise<void> => {
    let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
    let reason: string | undefined;
    let data: Record<string, string> = {};
    try {
      if (event.RequestType !== 'Delete') {
        data = await work();
      }
    } catch (error) {
      logger.error('custom resource failed', { error });
      status = 'FAILED';
      reason = error instanceof Error ? error.message.slice(0, 500) : 'failed';
    }
    const body = JSON.stringify({
      Status: status,
      Reason: reason ?? 'see the function log',
      PhysicalResourceId: physicalId,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
      Data: data,
    });
    const response = await fetch(event.ResponseURL, { method: 'PUT', headers: { 'content-type': '' }, body });
    if (!response.ok) {
      throw new Error(`CloudFormation did not take the answer: ${response.status}`);
    }
  };
}
