// File-system adapter of the download logs (the local cloud): one file per served download under
// <data>/open-data-logs/cloudfront/, each holding a CloudFront standard log line, written whole (temporary name,
// then rename) so that the counter never reads half of one.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { LogSource } from './domain/downloads';

const LOGS = 'cloudfront';

export function fileLogSource(dir: string): LogSource {
  const folder = path.join(dir, LOGS);
  return {
    async *keys() {
      const names = await readdir(folder).catch(() => [] as string[]);
      yield* names.filter((name) => name.endsWith('.log')).sort();
    },
    read: (key) => readFile(path.join(folder, key), 'utf8'),
    remove: (key) => rm(path.join(folder, key), { force: true }),
  };
}

/** One CloudFront standard log line (the fields countLog reads: date, time, method, URI stem, status). */
export function cloudFrontLogLine(at: Date, request: { method: string; host: string; pathname: string; status: number; bytes: number }): string {
  const iso = at.toISOString();
  return [iso.slice(0, 10), iso.slice(11, 19), 'LOCAL', request.bytes, '127.0.0.1', request.method, request.host, request.pathname, request.status, '-', '-', '-'].join('\t');
}

export async function writeLogLine(dir: string, line: string, at: Date): Promise<void> {
  const folder = path.join(dir, LOGS);
  await mkdir(folder, { recursive: true });
  const name = `${at.toISOString().replace(/[:.]/g, '-')}.${randomUUID()}.log`;
  await writeFile(path.join(folder, `${name}.tmp`), `#Version: 1.0\n${line}\n`, 'utf8');
  await rename(path.join(folder, `${name}.tmp`), path.join(folder, name));
}
