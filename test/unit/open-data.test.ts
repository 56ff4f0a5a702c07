// The open-data export on a real DynamoDB Local (the reference catalogue loaded, KPI cells counted from injected
// events) into a folder: every CSV read back and validated against its Table Schema in datapackage.json, the JSON
// equal to the CSV, every DCAT distribution a file that exists, a service with fewer than 10 applications
// withheld, and a second run with nothing changed writing nothing (every file, `modified` included, the same).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DomainEvent } from '../../schemas/applications';
import { countEvent } from '../../functions/kpis/domain/kpis';
import { dynamoKpis } from '../../functions/kpis/dynamo-kpis';
import { countDownloadLogs, countLog } from '../../functions/open-data/domain/downloads';
import { exportOpenData } from '../../functions/open-data/domain/export';
import { dynamoDownloads } from '../../functions/open-data/dynamo-downloads';
import { fileLogSource } from '../../functions/open-data/file-logs';
import { exportDeps } from '../../functions/open-data/deps';
import { fileOpenDataStore } from '../../functions/open-data/file-store';
import { dynamoCatalogue } from '../../functions/services/dynamo-catalogue';
import { ammanMonth } from '../../functions/shared/amman-time';
import { referencePackage } from '../../reference';
import { loadReference } from '../../reference/load';
import { type TableSchema, validateCsv } from '../support/table-schema';
import { unitTables } from '../support/unit-tables';

const local = unitTables('khidma-open-data-');
const dir = mkdtempSync(path.join(os.tmpdir(), 'khidma-open-data-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOUR_MS = 3_600_000;
const start = new Date();
const [busy, quiet] = referencePackage.services;
// Mid-month of the month before the clock's, in Amman.
const lastMonth = ammanMonth(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - 1, 15, 12)));
const at = `${lastMonth}-15T09:00:00.000Z`;
const by = { role: 'citizen' } as never;
let sequence = 0;

function submitted(serviceId: string): DomainEvent {
  const applicationId = `OD${++sequence}`;
  return { type: 'ApplicationSubmitted', eventId: `${applicationId}-s`, applicationId, at, by, serviceId, serviceVersion: 1, channel: 'portal', payableJod: 0, expectedCompletionDate: `${lastMonth}-28` };
}

interface Package {
  resources: { name: string; path: string; format: string; mediatype: string; schema: TableSchema }[];
}
interface Catalog {
  'dcat:dataset': { 'dct:identifier': string; 'dcat:distribution': { 'dcat:downloadURL': { '@id': string }; 'dcat:mediaType': { '@id': string }; 'dct:modified': { '@value': string } }[] }[];
}

const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const files = () => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, read(name)]));

describe('the open-data export', () => {
  const deps = (now: Date) => exportDeps(local.documents, { catalogue: local.table('catalogue'), engagement: local.table('engagement'), metrics: local.table('metrics') }, fileOpenDataStore(dir), () => now);

  beforeAll(async () => {
    const catalogue = dynamoCatalogue(local.documents, local.table('catalogue'));
    await loadReference({ catalogue, now: () => start }, { ...referencePackage, services: [busy!, quiet!] });
    const counting = {
      store: dynamoKpis(local.documents, { metrics: local.table('metrics'), engagement: local.table('engagement') }),
      card: async (serviceId: string) => {
        const card = (await catalogue.getCurrent(serviceId))!;
        return { ownerAgencyId: card.ownerAgencyId, rolloutPhase: card.rolloutPhase, baseline: card.baseline };
      },
    };
    // 12 applications to the busy service (published), 3 to the quiet one (fewer than 10: withheld).
    for (const event of [...Array.from({ length: 12 }, () => submitted(busy!.serviceId)), ...Array.from({ length: 3 }, () => submitted(quiet!.serviceId))]) {
      await countEvent(counting, event);
    }
  });

  it('round-trips: each CSV valid against its Table Schema, the JSON equal to it, every DCAT distribution a file of the right type', async () => {
    const result = await exportOpenData(deps(start));
    expect(result.written.sort()).toEqual(['agencies.csv', 'agencies.json', 'catalog.jsonld', 'datapackage.json', 'kpis-monthly.csv', 'kpis-monthly.json', 'services.csv', 'services.json']);
    const dataPackage = JSON.parse(read('datapackage.json')) as Package;
    const csvResources = dataPackage.resources.filter((resource) => resource.format === 'csv');
    expect(csvResources.map((resource) => resource.name).sort()).toEqual(['agencies', 'kpis-monthly', 'services']);
    for (const resource of csvResources) {
      const rows = validateCsv(read(resource.path), resource.schema);
      const json = dataPackage.resources.find((other) => other.name === `${resource.name}-json`)!;
      expect({ resource: resource.name, rows: JSON.parse(read(json.path)) }).toEqual({ resource: resource.name, rows });
    }
    expect(validateCsv(read('services.csv'), csvResources.find((resource) => resource.name === 'services')!.schema).map((row) => row.service_id)).toEqual(
      [busy!.serviceId, quiet!.serviceId].sort(),
    );

    const catalog = JSON.parse(read('catalog.jsonld')) as Catalog;
    const distributions = catalog['dcat:dataset'].flatMap((dataset) => dataset['dcat:distribution']);
    expect(distributions.map((distribution) => distribution['dcat:downloadURL']['@id']).sort()).toEqual(dataPackage.resources.map((resource) => resource.path).sort());
    for (const distribution of distributions) {
      const file = distribution['dcat:downloadURL']['@id'];
      expect(read(file).length).toBeGreaterThan(0);
      expect(distribution['dcat:mediaType']['@id']).toBe(`https://www.iana.org/assignments/media-types/${file.endsWith('.csv') ? 'text/csv' : 'application/json'}`);
      expect(distribution['dct:modified']['@value']).toBe(start.toISOString());
    }
  });

  it('withholds every figure of a cell under 10 applications, in the CSV and the JSON', () => {
    const schema = (JSON.parse(read('datapackage.json')) as Package).resources.find((resource) => resource.name === 'kpis-monthly')!.schema;
    const rows = validateCsv(read('kpis-monthly.csv'), schema);
    const row = (dimension: string, value: string) => rows.find((one) => one.month === lastMonth && one.dimension === dimension && one.value === value);
    expect(row('service', busy!.serviceId)).toMatchObject({ submitted: 12, approved: null, self_service_share: 1 });
    expect(row('service', quiet!.serviceId)).toMatchObject({ submitted: null, self_service_share: null });
    expect(row('all', 'all')).toMatchObject({ submitted: 15, self_service_share: 1 });
    expect(row('channel', 'portal')).toMatchObject({ submitted: 15 });
    const json = JSON.parse(read('kpis-monthly.json')) as Record<string, unknown>[];
    expect(json.find((one) => one.dimension === 'service' && one.value === quiet!.serviceId)).toMatchObject({ submitted: null, self_service_share: null });
    // The withheld count appears nowhere in the quiet service's row.
    expect(read('kpis-monthly.csv').split('\r\n').find((line) => line.includes(`,service,${quiet!.serviceId},`))).not.toMatch(/,3,/);
  });

  it('writes nothing when nothing changed, and only the changed files (with their time) when a figure did', async () => {
    const before = files();
    const again = await exportOpenData(deps(new Date(start.getTime() + HOUR_MS)));
    expect(again.written).toEqual([]);
    expect(files()).toEqual(before);

    const later = new Date(start.getTime() + 2 * HOUR_MS);
    await countEvent(
      {
        store: dynamoKpis(local.documents, { metrics: local.table('metrics'), engagement: local.table('engagement') }),
        card: async () => ({ ownerAgencyId: quiet!.card.ownerAgencyId, rolloutPhase: quiet!.card.rolloutPhase, baseline: quiet!.card.baseline }),
      },
      submitted(quiet!.serviceId),
    );
    const changed = await exportOpenData(deps(later));
    expect(changed.written.sort()).toEqual(['catalog.jsonld', 'datapackage.json', 'kpis-monthly.csv', 'kpis-monthly.json']);
    const modified = Object.fromEntries(
      (JSON.parse(read('catalog.jsonld')) as Catalog)['dcat:dataset'].flatMap((dataset) => dataset['dcat:distribution']).map((one) => [one['dcat:downloadURL']['@id'], one['dct:modified']['@value']]),
    );
    expect(modified).toMatchObject({ 'services.csv': start.toISOString(), 'kpis-monthly.csv': later.toISOString(), 'kpis-monthly.json': later.toISOString() });
  });
});

describe('counting the downloads from CloudFront standard logs', () => {
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'khidma-open-data-logs-'));
  afterAll(() => rmSync(logDir, { recursive: true, force: true }));
  // 23:30 UTC on the last day of a month is already the next month in Amman (UTC+3).
  const header = '#Version: 1.0\n#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query\n';
  const line = (date: string, time: string, method: string, stem: string, status: number) => [date, time, 'FRA56-C1', 1200, '192.0.2.1', method, 'd1.cloudfront.net', stem, status, '-', 'curl/8', '-'].join('\t');

  it('counts each GET of a published file answered 200, in its Amman month, each log file once', async () => {
    const text =
      header +
      [
        line('2031-05-31', '23:30:00', 'GET', '/open-data/kpis-monthly.csv', 200), // June in Amman
        line('2031-05-31', '10:00:00', 'GET', '/open-data/kpis-monthly.csv', 200),
        line('2031-05-31', '10:00:01', 'GET', '/open-data/kpis-monthly.json', 200),
        line('2031-05-31', '10:00:02', 'HEAD', '/open-data/services.csv', 200),
        line('2031-05-31', '10:00:03', 'GET', '/open-data/services.csv', 304),
        line('2031-05-31', '10:00:04', 'GET', '/open-data/../portal-config.json', 200),
        line('2031-05-31', '10:00:05', 'GET', '/open-data/catalog.jsonld', 200),
      ].join('\n');
    expect(countLog(text).sort((a, b) => `${a.month}${a.file}`.localeCompare(`${b.month}${b.file}`))).toEqual([
      { month: '2031-05', file: 'catalog.jsonld', count: 1 },
      { month: '2031-05', file: 'kpis-monthly.csv', count: 1 },
      { month: '2031-05', file: 'kpis-monthly.json', count: 1 },
      { month: '2031-06', file: 'kpis-monthly.csv', count: 1 },
    ]);

    mkdirSync(path.join(logDir, 'cloudfront'), { recursive: true });
    writeFileSync(path.join(logDir, 'cloudfront', 'a.log'), text);
    const downloads = dynamoDownloads(local.documents, local.table('engagement'));
    const source = fileLogSource(logDir);
    // A run that counted the file but stopped before removing it: the next run only removes it.
    const stopped = { ...source, remove: async () => Promise.reject(new Error('stopped')) };
    await expect(countDownloadLogs({ logs: stopped, downloads })).rejects.toThrow('stopped');
    expect(await countDownloadLogs({ logs: source, downloads })).toEqual({ files: 0, downloads: 0 });
    expect(existsSync(path.join(logDir, 'cloudfront', 'a.log'))).toBe(false);
    expect(await downloads.list('2031-05', '2031-06')).toEqual([
      { month: '2031-05', file: 'catalog.jsonld', count: 1 },
      { month: '2031-05', file: 'kpis-monthly.csv', count: 1 },
      { month: '2031-05', file: 'kpis-monthly.json', count: 1 },
      { month: '2031-06', file: 'kpis-monthly.csv', count: 1 },
    ]);
  });
});
