// Downloads of the open data: which files count, and the CloudFront standard log lines they are counted from in
// AWS (the local cloud counts each file it serves). Pure functions: no AWS types.
import { ammanMonth } from '../../shared/amman-time';
import { datasets } from './datasets';
import { CATALOG_PATH, PACKAGE_PATH } from './export';

/** The files the export publishes; nothing else under /open-data/ is served or counted. */
export const publishedFiles: readonly string[] = [...datasets.flatMap((dataset) => [`${dataset.name}.csv`, `${dataset.name}.json`]), PACKAGE_PATH, CATALOG_PATH];

/** The dataset a file belongs to (`metadata` for the descriptors). */
export const datasetOf = (file: string) => (file === PACKAGE_PATH || file === CATALOG_PATH ? 'metadata' : file.replace(/\.(csv|json)$/, ''));

export interface DownloadCount {
  /** YYYY-MM, Amman */
  readonly month: string;
  readonly file: string;
  readonly count: number;
}

export interface DownloadStore {
  /** Adds the counts; with `once`, only if that source (a log file) was not counted before (false: it was). */
  add(counts: readonly DownloadCount[], once?: string): Promise<boolean>;
  /** Counts per month and file, `from`..`to` inclusive. */
  list(from: string, to: string): Promise<DownloadCount[]>;
}

export const OPEN_DATA_PREFIX = '/open-data/';

/** The published file a request path names, if any. */
export function fileOfPath(pathname: string): string | undefined {
  if (!pathname.startsWith(OPEN_DATA_PREFIX)) {
    return undefined;
  }
  const file = pathname.slice(OPEN_DATA_PREFIX.length);
  return publishedFiles.includes(file) ? file : undefined;
}

/**
 * Counts a CloudFront standard log file (W3C extended, tab-separated: date, time, edge, bytes, client IP, method,
 * host, URI stem, status, ...): each GET of a published file answered 200, in the Amman month it was served.
 */
export function countLog(text: string): DownloadCount[] {
  const counts = new Map<string, DownloadCount>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') {
      continue;
    }
    const [date, time, , , , method, , stem, status] = line.split('\t');
    const file = fileOfPath(stem ?? '');
    if (method !== 'GET' || status !== '200' || !file || !date || !time) {
      continue;
    }
    const month = ammanMonth(`${date}T${time}Z`);
    const key = `${month}#${file}`;
    counts.set(key, { month, file, count: (counts.get(key)?.count ?? 0) + 1 });
  }
  return [...counts.values()];
}

/** Downloads over a range per dataset, for operators (GET /v1/kpis). */
export function downloadTotals(counts: readonly DownloadCount[]): { total: number; byDataset: Record<string, number> } {
  const byDataset: Record<string, number> = {};
  for (const { file, count } of counts) {
    byDataset[datasetOf(file)] = (byDataset[datasetOf(file)] ?? 0) + count;
  }
  return { total: counts.reduce((sum, { count }) => sum + count, 0), byDataset };
}

/** The CloudFront log files not yet counted (S3 in AWS). */
export interface LogSource {
  keys(): AsyncIterable<string>;
  read(key: string): Promise<string>;
  remove(key: string): Promise<void>;
}

/**
 * Counts each log file once (its marker goes in the same transaction as its counts), then removes it; a file
 * whose marker exists was counted by a run that stopped before removing it, and is only removed.
 */
export async function countDownloadLogs(deps: { logs: LogSource; downloads: DownloadStore }): Promise<{ files: number; downloads: number }> {
  let files = 0;
  let downloads = 0;
  for await (const key of deps.logs.keys()) {
    const counts = countLog(await deps.logs.read(key));
    if (await deps.downloads.add(counts, key)) {
      files++;
      downloads += counts.reduce((sum, { count }) => sum + count, 0);
    }
    await deps.logs.remove(key);
  }
  return { files, downloads };
}
