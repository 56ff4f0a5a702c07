// The open data served by the local cloud under /open-data/ (as CloudFront serves the bucket in AWS): the files the
// export wrote to <data>/open-data/, with their content types; each GET answered is logged as CloudFront logs it
// (<data>/open-data-logs/), and the scheduled download counter counts those lines as it counts CloudFront's.
import { readFile } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import type { HttpResponse } from '../functions/shared/http';
import { fileOfPath, OPEN_DATA_PREFIX } from '../functions/open-data/domain/downloads';
import { cloudFrontLogLine, writeLogLine } from '../functions/open-data/file-logs';

export const openDataDir = (dataDir: string) => path.join(dataDir, 'open-data');
export const openDataLogDir = (dataDir: string) => path.join(dataDir, 'open-data-logs');

const contentTypes: Record<string, string> = {
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
};

const notFound = (): HttpResponse => ({
  statusCode: 404,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ error: { code: 'not_found', message: 'No such open-data file', details: {} } }),
});

type Files = (req: http.IncomingMessage, pathname: string) => Promise<HttpResponse | undefined>;

/** Serves /open-data/<file> before `next` (the portal's files). */
export function openDataFiles(dataDir: string, next: Files): Files {
  return async (req, pathname) => {
    if (!pathname.startsWith(OPEN_DATA_PREFIX)) {
      return next(req, pathname);
    }
    const file = fileOfPath(pathname);
    const body = file ? await readFile(path.join(openDataDir(dataDir), file)).catch(() => undefined) : undefined;
    if (!file || !body) {
      return notFound();
    }
    if (req.method === 'GET') {
      const at = new Date();
      await writeLogLine(openDataLogDir(dataDir), cloudFrontLogLine(at, { method: 'GET', host: String(req.headers.host ?? 'localhost'), pathname, status: 200, bytes: body.length }), at);
    }
    return {
      statusCode: 200,
      headers: {
        'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'access-control-allow-origin': '*',
        'x-content-type-options': 'nosniff',
      },
      body: req.method === 'HEAD' ? '' : body.toString('base64'),
      isBase64Encoded: true,
    };
  };
}
