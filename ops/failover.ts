// `npm run failover -- --stage <stage> --to dr|primary [--dry-run] [--force]`: every step of the runbook, in order
// (lib/platform/failover.ts). `--stage local` drives two local clouds (`--primary-dir`, `--dr-dir`).
import { parseArgs } from 'node:util';
import { stageConfig } from '../lib/config/stages';
import type { RegionRole } from '../lib/platform/failover';
import { awsRegionControl } from './failover/aws-control';
import { FailoverRefused, type RegionControl, runFailover } from './failover/control';

const { values } = parseArgs({
  options: {
    stage: { type: 'string' },
    to: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    'primary-dir': { type: 'string', default: '.local/primary' },
    'dr-dir': { type: 'string', default: '.local/dr' },
  },
});

async function control(stage: string): Promise<RegionControl> {
  if (stage === 'local') {
    const { localRegionControl } = await import('../local/failover-control');
    return localRegionControl({ primary: values['primary-dir']!, dr: values['dr-dir']! });
  }
  return awsRegionControl(stageConfig(stage));
}

async function main(): Promise<void> {
  const to = values.to;
  if (!values.stage || (to !== 'dr' && to !== 'primary')) {
    throw new FailoverRefused('usage: npm run failover -- --stage <stage> --to dr|primary [--dry-run] [--force]');
  }
  const result = await runFailover(await control(values.stage), { to: to as RegionRole, dryRun: values['dry-run'], force: values.force, log: console.log });
  if (!values['dry-run']) {
    console.log(`The ${to} region takes writes${result.skipped.length ? ` (${result.skipped.length} step(s) on the old region skipped: repeat them when it is back)` : ''}.`);
    if (values.stage !== 'local') {
      console.log(`Record it: set recovery.activeRegion to '${to}' for ${values.stage} in lib/config/stages.ts before the next deployment.`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof FailoverRefused ? `Refused: ${error.message}` : error);
  process.exit(1);
});
