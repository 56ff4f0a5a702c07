// `npm run failover -- --stage local` against two local regions (data folders with a running API each): the same
// plan through the local switches a running cloud reads (local/region-switch.ts), and the local "DNS" file.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FailoverRefused, runFailover } from '../../ops/failover/control';
import { localDnsFile, localRegionControl } from '../../local/failover-control';
import { liveSwitches, readSwitches, standby, writeSwitches } from '../../local/region-switch';
import { writeState } from '../../local/state';

const root = mkdtempSync(path.join(os.tmpdir(), 'khidma-failover-'));
const regions = { primary: path.join(root, 'primary'), dr: path.join(root, 'dr') };
const servers: http.Server[] = [];
const healthy = { primary: true, dr: true };

async function region(role: 'primary' | 'dr'): Promise<void> {
  const server = http.createServer((request, response) => {
    const ok = request.url === '/v1/health' && healthy[role];
    response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'degraded' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeState(regions[role], { apiUrl, stage: 'local', pid: process.pid } as never);
}

beforeAll(async () => {
  await region('primary');
  await region('dr');
  writeSwitches(regions.dr, standby);
});
afterAll(() => {
  servers.forEach((server) => server.close());
  rmSync(root, { recursive: true, force: true });
});

const log = () => undefined;
const dns = () => JSON.parse(readFileSync(localDnsFile(regions), 'utf8')) as { region: string; apiUrl: string };

test('a region with no switches file runs everything; a stand-by runs nothing until failover', () => {
  expect(readSwitches(path.join(root, 'alone'))).toEqual({ schedules: true, streams: true, fenced: false });
  expect(readSwitches(regions.dr)).toEqual({ schedules: false, streams: false, fenced: false });
});

test('refuses while the primary answers, fails over when it is gone or fenced by force, and fails back', async () => {
  const control = localRegionControl(regions);
  const seenByDr = liveSwitches(regions.dr, 0);
  await expect(runFailover(control, { to: 'dr', log })).rejects.toThrow(FailoverRefused);
  expect(seenByDr()).toEqual(standby);

  healthy.primary = false;
  await runFailover(control, { to: 'dr', log });
  expect(seenByDr()).toEqual({ schedules: true, streams: true, fenced: false });
  expect(readSwitches(regions.primary)).toEqual({ schedules: false, streams: false, fenced: true });
  expect(dns()).toEqual({ region: 'dr', apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });

  // Failback: the DR region answers its health route, so it takes --force (it is fenced first).
  healthy.primary = true;
  await expect(runFailover(control, { to: 'primary', log })).rejects.toThrow(/dr region still accepts writes/);
  await runFailover(control, { to: 'primary', force: true, log });
  expect(readSwitches(regions.primary)).toEqual({ schedules: true, streams: true, fenced: false });
  expect(seenByDr()).toEqual({ schedules: false, streams: false, fenced: true });
  expect(dns().region).toBe('primary');
});
