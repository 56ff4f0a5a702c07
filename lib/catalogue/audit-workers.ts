// The audit trail's anchor outside its table: a stream consumer that signs each chain's new head and writes it,
// once, to the checkpoint bucket (Object Lock, compliance mode); `GET /v1/audit/verify` holds chains against it.
import type { Worker } from './worker-types';

export const auditWorkers: readonly Worker[] = [
  {
    id: 'checkpoint-audit',
    entry: 'functions/registry/checkpoint-audit.ts',
    description: "Signs the head (sequence, hash) of every audit chain that grew and writes it once to the Object Lock checkpoint bucket",
    trigger: { kind: 'stream', table: 'audit', batchSize: 100, filter: { events: ['INSERT'], pkPrefix: 'SUBJECT#' } },
    tables: {},
    documentSigning: 'sign',
    auditCheckpoints: 'write',
    home: 'audit-checkpoints',
  },
];
