// Uploads in the local cloud: the file store that takes presigned POSTs, the EICAR scanner, and its verdict
// delivered to the scan-result worker of the worker catalogue in GuardDuty's event shape (as the EventBridge
// rule delivers it in AWS).
import path from 'node:path';
import type { EventBridgeEvent } from 'aws-lambda';
import { workers } from '../lib/catalogue/workers';
import { SCAN_RESULT_DETAIL_TYPE, SCAN_RESULT_SOURCE, type ScanResultDetail } from '../functions/uploads/domain/scan';
import { eicarScanner } from './malware-scanner';
import { type ObjectStore, startObjectStore } from './object-store';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './workflow-definition';

const BUCKET = 'khidma-local-uploads';

function scanEvent(key: string, result: Awaited<ReturnType<typeof eicarScanner.scan>>): EventBridgeEvent<string, ScanResultDetail> {
  return {
    version: '0',
    id: `scan-${key}`,
    'detail-type': SCAN_RESULT_DETAIL_TYPE,
    source: SCAN_RESULT_SOURCE,
    account: LOCAL_ACCOUNT,
    time: new Date().toISOString(),
    region: LOCAL_REGION,
    resources: [],
    detail: {
      schemaVersion: '1.0',
      scanStatus: 'COMPLETED',
      resourceType: 'S3_OBJECT',
      s3ObjectDetails: { bucketName: BUCKET, objectKey: key },
      scanResultDetails: { scanResultStatus: result.status, threats: result.threats.length > 0 ? result.threats : null },
    },
  };
}

export async function startUploads(options: { root: string; dataDir: string; log: (line: string) => void }): Promise<ObjectStore> {
  const worker = workers.find((candidate) => candidate.trigger.kind === 'aws-events' && candidate.trigger.detailTypes.includes(SCAN_RESULT_DETAIL_TYPE));
  if (!worker) {
    throw new Error('no worker takes the malware scan results');
  }
  const { handler } = (await import(path.join(options.root, worker.entry))) as { handler: (event: EventBridgeEvent<string, ScanResultDetail>) => Promise<void> };
  const store = await startObjectStore({
    dir: path.join(options.dataDir, 'uploads'),
    onStored: async (key, bytes) => handler(scanEvent(key, await eicarScanner.scan(bytes))),
    log: options.log,
  });
  const { installObjectStorage } = await import('../functions/uploads/storage');
  const { localObjectStorage } = await import('../functions/uploads/local-storage');
  installObjectStorage(localObjectStorage(() => store.url, store.secret, store.keep));
  return store;
}
