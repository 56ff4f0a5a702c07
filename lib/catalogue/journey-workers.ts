// The journey's background functions (issued documents, payments): kept apart from its routes so that a
// worker's bundle that reads the worker list takes in no route schemas (zod).
import type { Worker } from './worker-types';

export const journeyWorkers: readonly Worker[] = [
  {
    id: 'issue-documents',
    entry: 'functions/documents/issue-documents.ts',
    description: "Creates and signs the issuing agency's document when an application is approved (the only function that may sign)",
    trigger: { kind: 'events', detailTypes: ['ApplicationApproved'] },
    tables: { applications: 'readwrite', catalogue: 'read', registry: 'read' },
    documentSigning: 'sign',
    timeoutSeconds: 30,
  },
  {
    id: 'post-bills',
    entry: 'functions/payments/post-bills.ts',
    description: 'Posts the bill of a fee due before issue to the bill-presentment provider when the application is submitted',
    trigger: { kind: 'events', detailTypes: ['ApplicationSubmitted'] },
    tables: { applications: 'read' },
    paymentProvider: 'call',
    timeoutSeconds: 30,
  },
  {
    id: 'refund-payments',
    entry: 'functions/payments/refund-payments.ts',
    description: 'Refunds a paid fee through the provider when the application is rejected or cancelled',
    trigger: { kind: 'events', detailTypes: ['ApplicationRejected', 'ApplicationCancelled'] },
    tables: { applications: 'readwrite', catalogue: 'read' },
    paymentProvider: 'call',
    timeoutSeconds: 30,
  },
  {
    id: 'record-scan-result',
    entry: 'functions/uploads/record-scan-result.ts',
    description: "Records GuardDuty Malware Protection's verdict on an uploaded document (clean or infected) on its upload",
    trigger: { kind: 'aws-events', source: 'aws.guardduty', detailTypes: ['GuardDuty Malware Protection Object Scan Result'] },
    tables: { applications: 'readwrite' },
  },
  {
    id: 'keep-uploads',
    entry: 'functions/uploads/keep-uploads.ts',
    description: "Tags a submitted application's uploaded documents submitted, so the upload bucket's lifecycle keeps them",
    trigger: { kind: 'events', detailTypes: ['ApplicationSubmitted'] },
    tables: { applications: 'read' },
    uploads: ['tag'],
    timeoutSeconds: 30,
  },
];
