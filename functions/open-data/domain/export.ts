// The nightly open-data export: the catalogue (services, agencies) and the monthly KPI aggregates as CSV and JSON,
// with their Data Package and DCAT descriptors. The KPI figures are the public ones (functions/kpis/domain/figures:
// any figure counting fewer than 10 applications withheld), never the operators'. A file is written only when its
// content changed, and keeps the time it last changed: running the export again writes nothing new (and the
// versioned bucket gains a version only for a file that changed).
import type { Agency, ServiceSummary } from '../../../schemas/services';
import { ammanMonth } from '../../shared/amman-time';
import { ALL_CELL, cellOf, type Counters, type Dimension } from '../../kpis/domain/counting';
import { publicFigures } from '../../kpis/domain/figures';
import { toCsv, toJson } from './csv';
import { agenciesDataset, type Dataset, kpiChannels, kpiDataset, kpiRow, type Row, servicesDataset } from './datasets';
import { dataPackage, dcatCatalog, type Distribution, mediaTypes, type Published } from './metadata';

export interface OpenDataFile {
  /** Relative to the open-data folder, e.g. `kpis-monthly.csv`. */
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

/** Where the files are published: S3 behind CloudFront in AWS, a folder the local cloud serves. */
export interface OpenDataStore {
  read(path: string): Promise<string | undefined>;
  write(file: OpenDataFile): Promise<void>;
}

export interface ExportDeps {
  readonly store: OpenDataStore;
  services(): Promise<readonly ServiceSummary[]>;
  agencies(): Promise<readonly Agency[]>;
  /** The counters of one KPI cell per month, `from`..`to` inclusive (the KPI store's `months`). */
  months(cell: string, from: string, to: string): Promise<Map<string, Counters>>;
  readonly now: () => Date;
}

/** How many months of aggregates are published, up to the current one. */
export const EXPORT_MONTHS = 36;
export const CATALOG_PATH = 'catalog.jsonld';
export const PACKAGE_PATH = 'datapackage.json';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function serviceRows(services: readonly ServiceSummary[]): Row[] {
  return [...services]
    .sort((a, b) => byText(a.serviceId, b.serviceId))
    .map((service) => ({
      service_id: service.serviceId,
      version: service.version,
      name_ar: service.name.ar,
      name_en: service.name.en,
      owner_agency_id: service.ownerAgencyId,
      category: service.category,
      lifecycle_stage: service.lifecycleStage,
      rollout_phase: service.rolloutPhase,
      channels: service.channels.join(';'),
      fees_jod: service.feesJod,
    }));
}

function agencyRows(agencies: readonly Agency[]): Row[] {
  return [...agencies]
    .sort((a, b) => byText(a.agencyId, b.agencyId))
    .map((agency) => ({ agency_id: agency.agencyId, name_ar: agency.name.ar, name_en: agency.name.en, acronym: agency.acronym ?? null }));
}

function monthsBack(now: Date, count: number): { from: string; to: string } {
  const to = ammanMonth(now);
  const index = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - (count - 1);
  return { from: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`, to };
}

async function kpiRows(deps: ExportDeps, services: readonly ServiceSummary[], agencies: readonly Agency[]): Promise<Row[]> {
  const { from, to } = monthsBack(deps.now(), EXPORT_MONTHS);
  const phases = [...new Set(services.map((service) => service.rolloutPhase))].sort((a, b) => a - b);
  const cells: [Dimension | 'all', string][] = [
    ['all', 'all'],
    ...services.map((service) => ['service', service.serviceId] as [Dimension, string]),
    ...agencies.map((agency) => ['agency', agency.agencyId] as [Dimension, string]),
    ...phases.map((phase) => ['phase', String(phase)] as [Dimension, string]),
    ...kpiChannels.map((channel) => ['channel', channel] as [Dimension, string]),
  ];
  const rows: Row[] = [];
  for (const [dimension, value] of cells) {
    const stored = await deps.months(dimension === 'all' ? ALL_CELL : cellOf(dimension, value), from, to);
    for (const [month, counters] of stored) {
      rows.push(kpiRow(month, dimension, value, publicFigures(counters)));
    }
  }
  const key = (row: Row) => `${String(row.month)}\u0000${String(row.dimension)}\u0000${String(row.value)}`;
  return rows.sort((a, b) => byText(key(a), key(b)));
}

const contentTypes = { csv: `${mediaTypes.csv}; charset=utf-8`, json: `${mediaTypes.json}; charset=utf-8`, jsonld: `${mediaTypes.jsonld}; charset=utf-8` };

/** When each file last changed, as the previous catalogue recorded it. */
async function previousModified(store: OpenDataStore): Promise<Map<string, string>> {
  const body = await store.read(CATALOG_PATH);
  const modified = new Map<string, string>();
  if (!body) {
    return modified;
  }
  try {
    const catalog = JSON.parse(body) as { 'dcat:dataset'?: { 'dcat:distribution'?: { 'dcat:downloadURL'?: { '@id'?: string }; 'dct:modified'?: { '@value'?: string } }[] }[] };
    for (const distribution of (catalog['dcat:dataset'] ?? []).flatMap((dataset) => dataset['dcat:distribution'] ?? [])) {
      const path = distribution['dcat:downloadURL']?.['@id'];
      const at = distribution['dct:modified']?.['@value'];
      if (path && at) {
        modified.set(path, at);
      }
    }
  } catch {
    // An unreadable catalogue: every file counts as changed now.
  }
  return modified;
}

export interface ExportResult {
  readonly written: string[];
  readonly unchanged: string[];
  readonly rows: Readonly<Record<string, number>>;
}

/** Writes the file unless it already holds exactly this content; true when written. */
async function publish(store: OpenDataStore, file: OpenDataFile, result: ExportResult): Promise<boolean> {
  if ((await store.read(file.path)) === file.body) {
    result.unchanged.push(file.path);
    return false;
  }
  await store.write(file);
  result.written.push(file.path);
  return true;
}

export async function exportOpenData(deps: ExportDeps): Promise<ExportResult> {
  const now = deps.now().toISOString();
  const [services, agencies] = await Promise.all([deps.services(), deps.agencies()]);
  const tables: [Dataset, Row[]][] = [
    [servicesDataset, serviceRows(services)],
    [agenciesDataset, agencyRows(agencies)],
    [kpiDataset, await kpiRows(deps, services, agencies)],
  ];
  const before = await previousModified(deps.store);
  const result: ExportResult = { written: [], unchanged: [], rows: Object.fromEntries(tables.map(([dataset, rows]) => [dataset.name, rows.length])) };
  const published: Published[] = [];
  for (const [dataset, rows] of tables) {
    const distributions: Distribution[] = [];
    for (const format of ['csv', 'json'] as const) {
      const file = { path: `${dataset.name}.${format}`, contentType: contentTypes[format], body: format === 'csv' ? toCsv(dataset.fields, rows) : toJson(dataset.fields, rows) };
      const written = await publish(deps.store, file, result);
      const modified = written ? now : (before.get(file.path) ?? now);
      distributions.push({ path: file.path, format, mediaType: mediaTypes[format], bytes: Buffer.byteLength(file.body), modified });
    }
    published.push({ dataset, distributions });
  }
  await publish(deps.store, { path: PACKAGE_PATH, contentType: contentTypes.json, body: `${JSON.stringify(dataPackage(published), null, 1)}\n` }, result);
  await publish(deps.store, { path: CATALOG_PATH, contentType: contentTypes.jsonld, body: `${JSON.stringify(dcatCatalog(published), null, 1)}\n` }, result);
  return result;
}
