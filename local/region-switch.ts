// A local cloud's stand-in for a region's failover switches (README, Disaster recovery): `region.json` in its data
// folder says whether its schedules and stream consumers run, and whether its API is fenced. No file: a region
// on its own, everything on. `npm run failover -- --stage local` writes it; the local cloud reads it as it goes.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface RegionSwitches {
  readonly schedules: boolean;
  readonly streams: boolean;
  readonly fenced: boolean;
}

const allOn: RegionSwitches = { schedules: true, streams: true, fenced: false };
export const standby: RegionSwitches = { schedules: false, streams: false, fenced: false };

const fileOf = (dataDir: string) => path.join(path.resolve(dataDir), 'region.json');

export function readSwitches(dataDir: string): RegionSwitches {
  const file = fileOf(dataDir);
  return existsSync(file) ? { ...allOn, ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<RegionSwitches>) } : allOn;
}

export function writeSwitches(dataDir: string, change: Partial<RegionSwitches>): RegionSwitches {
  const next = { ...readSwitches(dataDir), ...change };
  mkdirSync(path.resolve(dataDir), { recursive: true });
  const file = fileOf(dataDir);
  writeFileSync(`${file}.tmp`, JSON.stringify(next));
  renameSync(`${file}.tmp`, file);
  return next;
}

/** The switches as a running cloud sees them: re-read at most once a `refreshMs`. */
export function liveSwitches(dataDir: string, refreshMs = 250): () => RegionSwitches {
  let cached = readSwitches(dataDir);
  let readAt = Date.now();
  return () => {
    if (Date.now() - readAt >= refreshMs) {
      cached = readSwitches(dataDir);
      readAt = Date.now();
    }
    return cached;
  };
}
