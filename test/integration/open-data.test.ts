// The open data on the local cloud, end to end: `npm run open-data:export` publishes from the cloud's own tables;
// the DCAT catalogue served under /open-data/ lists every distribution, and each downloadURL (resolved against the
// catalogue's address) answers 200 with its media type; each CSV read back over HTTP is valid against its Table
// Schema in datapackage.json and equal to its JSON; no published count is under 10; and the downloads are counted
// (from the gateway's CloudFront-format log lines, by the scheduled counter) into the operators' GET /v1/kpis.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { api, cloudState, tokenFor } from '../support/api';
import { type TableSchema, validateCsv } from '../support/table-schema';
import { until } from '../support/wait';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);

interface Package {
  resources: { name: string; path: string; format: string; mediatype: string; schema: TableSchema }[];
}
interface Catalog {
  'dcat:dataset': { 'dct:identifier': string; 'dcat:distribution': { 'dcat:downloadURL': { '@id': string }; 'dcat:mediaType': { '@id': string } }[] }[];
}

const catalogUrl = () => `${cloudState().apiUrl}/open-data/catalog.jsonld`;

async function download(url: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

async function kpiDownloads(): Promise<number> {
  const { status, body } = await api('/v1/kpis', { token: await tokenFor('operator') });
  expect(status).toBe(200);
  return (body.openDataDownloads?.byDataset?.['kpis-monthly'] as number | undefined) ?? 0;
}

describe('the open data, published and served', () => {
  let before = 0;

  beforeAll(async () => {
    before = await kpiDownloads();
    const { stdout } = await run('npx', ['tsx', 'local/open-data-export.ts'], { cwd: root, env: { ...process.env, KHIDMA_LOCAL_DIR: process.env.KHIDMA_CLOUD_DIR } });
    expect(stdout).toMatch(/Open data of local exported/);
  }, 120_000);

  it('lists every distribution in the DCAT catalogue, and every downloadURL answers 200 with its media type', async () => {
    const catalog = await download(catalogUrl());
    expect(catalog).toMatchObject({ status: 200, type: 'application/ld+json; charset=utf-8' });
    const parsed = JSON.parse(catalog.text) as Catalog;
    const dataPackage = JSON.parse((await download(new URL('datapackage.json', catalogUrl()).href)).text) as Package;
    const distributions = parsed['dcat:dataset'].flatMap((dataset) => dataset['dcat:distribution']);
    expect(distributions.map((one) => one['dcat:downloadURL']['@id']).sort()).toEqual(dataPackage.resources.map((resource) => resource.path).sort());
    for (const distribution of distributions) {
      const file = await download(new URL(distribution['dcat:downloadURL']['@id'], catalogUrl()).href);
      const mediaType = distribution['dcat:mediaType']['@id'].split('/media-types/')[1];
      expect({ url: distribution['dcat:downloadURL']['@id'], status: file.status, type: file.type }).toEqual({
        url: distribution['dcat:downloadURL']['@id'],
        status: 200,
        type: `${mediaType}; charset=utf-8`,
      });
    }
  });

  it('serves CSV valid against its Table Schema and equal to its JSON, with no count under 10', async () => {
    const dataPackage = JSON.parse((await download(new URL('datapackage.json', catalogUrl()).href)).text) as Package;
    for (const resource of dataPackage.resources.filter((one) => one.format === 'csv')) {
      const rows = validateCsv((await download(new URL(resource.path, catalogUrl()).href)).text, resource.schema);
      const json = dataPackage.resources.find((one) => one.name === `${resource.name}-json`)!;
      expect(JSON.parse((await download(new URL(json.path, catalogUrl()).href)).text)).toEqual(rows);
      if (resource.name === 'kpis-monthly') {
        const small = rows.filter((row) => ['submitted', 'approved', 'rejected', 'cancelled'].some((name) => row[name] !== null && (row[name] as number) < 10));
        expect(small).toEqual([]);
      }
    }
  });

  it('answers 404 for anything else under /open-data/', async () => {
    expect((await download(new URL('people.csv', catalogUrl()).href)).status).toBe(404);
  });

  it("counts the downloads into the operators' KPIs", async () => {
    // The two tests above downloaded kpis-monthly.csv and .json twice each.
    const counted = await until('the downloads to be counted', async () => {
      const now = await kpiDownloads();
      return now >= before + 4 ? now : undefined;
    });
    expect(counted).toBeGreaterThanOrEqual(before + 4);
  }, 90_000);
});
