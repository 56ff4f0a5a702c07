// The open-data platform's background functions: the nightly export and the count of its downloads. Kept apart
// from the routes so that their bundles, which read the worker list, take in no route schemas.
import type { Worker } from './worker-types';

export const openDataWorkers: readonly Worker[] = [
  {
    id: 'export-open-data',
    entry: 'functions/open-data/export-open-data.ts',
    description: 'Publishes the open data every night: the catalogue and the monthly KPI aggregates (small cells withheld) as CSV and JSON, with a Data Package and a DCAT catalogue',
    // 00:30 in Amman (UTC+3 all year).
    trigger: { kind: 'schedule', everyMinutes: 1440, atUtc: { hour: 21, minute: 30 } },
    tables: { catalogue: 'read', engagement: 'read', metrics: 'read' },
    openData: 'publish',
    timeoutSeconds: 300,
    home: 'reporting',
  },
  {
    id: 'count-open-data-downloads',
    entry: 'functions/open-data/count-downloads.ts',
    description: "Counts the open data's downloads from its CloudFront logs, each log file once, into the engagement table",
    trigger: { kind: 'schedule', everyMinutes: 60 },
    tables: { engagement: 'readwrite' },
    openData: 'count-downloads',
    timeoutSeconds: 300,
    home: 'reporting',
  },
];
