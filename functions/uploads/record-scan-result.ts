// GuardDuty's verdict on an uploaded object (an EventBridge rule on the default bus) recorded on its upload.
import type { EventBridgeEvent } from 'aws-lambda';
import { logger } from '../shared/logger';
import { dynamo, requireTable } from '../shared/dynamo';
import { dynamoUploads } from './dynamo-uploads';
import { recordScanResult } from './domain/uploads';
import { type ScanResultDetail, verdictOf } from './domain/scan';

const uploads = dynamoUploads(dynamo, requireTable('applications'));

export async function handler(event: EventBridgeEvent<string, ScanResultDetail>): Promise<void> {
  const { objectKey } = event.detail.s3ObjectDetails;
  const verdict = verdictOf(event.detail);
  if (!verdict) {
    logger.warn('scan without a verdict; the upload stays pending', { objectKey, status: event.detail.scanResultDetails.scanResultStatus });
    return;
  }
  const upload = await recordScanResult({ uploads, now: () => new Date() }, objectKey, verdict);
  if (verdict === 'infected' && upload) {
    logger.warn('malware found in an upload', { uploadId: upload.uploadId, threats: (event.detail.scanResultDetails.threats ?? []).map((threat) => threat.name) });
  }
}
