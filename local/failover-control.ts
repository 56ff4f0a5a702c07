// The failover port against two local clouds (one data folder per region): their health routes, their region
// switches (local/region-switch.ts), and the local "DNS": dns.json beside them names the API URL front-ends use.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RegionControl } from '../ops/failover/control';
import type { RegionRole } from '../lib/platform/failover';
import { writeSwitches } from './region-switch';
import { readState } from './state';

export interface LocalRegions {
  readonly primary: string;
  readonly dr: string;
}

/** The local stand-in for the failover records: one file both clouds' parent folder holds. */
export const localDnsFile = (regions: LocalRegions) => path.join(path.dirname(path.resolve(regions.primary)), 'dns.json');

export function localRegionControl(regions: LocalRegions): RegionControl {
  const dirOf = (role: RegionRole) => regions[role];
  return {
    async acceptsWrites(role) {
      try {
        const { apiUrl } = readState(dirOf(role));
        const answer = await fetch(`${apiUrl}/v1/health`, { signal: AbortSignal.timeout(2_000) });
        return answer.ok && ((await answer.json()) as { status?: string }).status === 'ok';
      } catch {
        return false;
      }
    },
    async setFenced(role, fenced) {
      writeSwitches(dirOf(role), { fenced });
    },
    async setSchedules(role, enabled, workers) {
      writeSwitches(dirOf(role), { schedules: enabled });
      return [...workers];
    },
    async setStreamConsumers(role, enabled, workers) {
      writeSwitches(dirOf(role), { streams: enabled });
      return [...workers];
    },
    async resumeInFlight(role) {
      // The stand-by cloud resumes them itself once its schedules are on (local/take-over.ts): the step before.
      readState(dirOf(role));
    },
    async rebuildKpis(role) {
      // As with resuming: the stand-by cloud rebuilds its own once its schedules are on (local/take-over.ts).
      readState(dirOf(role));
    },
    async pointDns(role) {
      const { apiUrl } = readState(dirOf(role));
      writeFileSync(localDnsFile(regions), JSON.stringify({ region: role, apiUrl }));
    },
  };
}
