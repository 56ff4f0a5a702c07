// A quick look at cold imports, without the local cloud: `npx tsx bench/cold-probe.ts [--runs 11] [--cpu] [--before <commit>] <function id>...`
// bundles each function as the bench does (bench/bundle-options.ts) and an import-only reference holding the same
// AWS SDK clients (bench/sections/cold-reference.ts), then imports them in alternating fresh `node` processes and
// prints the medians and the median of the paired ratios; with --before, the same for the function as of that
// commit, in the same run. Import only: `npm run bench` judges import plus first event.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { capabilities } from '../lib/capabilities';
import { workers } from '../lib/catalogue/workers';
import { esbuildOptions } from './bundle-options';
import { clientsOf } from './sections/cold-load';
import { bundleReference } from './sections/cold-reference';
import { median } from './rows';

const root = path.resolve(__dirname, '..');
const entries = new Map<string, string>([...capabilities.map((c) => [c.id, c.entry] as const), ...workers.map((w) => [w.id, w.entry] as const)]);
const tables = ['APPLICATIONS', 'CATALOGUE', 'REGISTRY', 'AUDIT', 'IDEMPOTENCY', 'ENGAGEMENT'].map((id) => [`TABLE_${id}`, `khidma-bench-${id.toLowerCase()}`]);
const environment = {
  PATH: process.env.PATH ?? '',
  ...Object.fromEntries(tables),
  AWS_REGION: 'me-central-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  STAGE: 'prod',
  USER_POOL_ID: 'me-central-1_bench',
  USER_POOL_CLIENT_ID: 'bench',
  EVENT_BUS_NAME: 'khidma-prod-events',
  WORKFLOW_STATE_MACHINE_ARN: 'arn:aws:states:me-central-1:000000000000:stateMachine:khidma-prod-application',
  PAYMENT_NOTIFICATION_SECRET_ARN: 'arn:aws:secretsmanager:me-central-1:000000000000:secret:bench',
};

interface Variant {
  readonly label: string;
  readonly bundle: string;
  readonly reference: string;
}

async function variant(label: string, sourceRoot: string, entry: string, dir: string): Promise<Variant> {
  const bundle = path.join(dir, label, 'index.mjs');
  const options = esbuildOptions(path.join(sourceRoot, entry), bundle);
  // An earlier commit has only the aliased modules it had then (bench/bundle-options.ts).
  const alias = Object.fromEntries(Object.entries(options.alias ?? {}).filter(([, target]) => existsSync(path.join(sourceRoot, target))));
  await build({ ...options, alias, absWorkingDir: sourceRoot, metafile: false });
  const reference = path.join(dir, `${label}-reference`, 'index.mjs');
  await bundleReference(reference, clientsOf(bundle), []);
  return { label, bundle, reference };
}

function importMs(file: string, timer: string): number {
  const result = spawnSync(process.execPath, [timer, file], { env: environment, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${file} did not import: ${result.stderr.slice(-600)}`);
  }
  return Number(result.stdout);
}

function measure(variants: readonly Variant[], runs: number, timer: string): string {
  const times = variants.map(() => ({ bundle: [] as number[], reference: [] as number[] }));
  for (let run = 0; run < runs; run++) {
    variants.forEach((entry, index) => {
      times[index]!.bundle.push(importMs(entry.bundle, timer));
      times[index]!.reference.push(importMs(entry.reference, timer));
    });
  }
  return variants
    .map(({ label, bundle }, index) => {
      const { bundle: own, reference } = times[index]!;
      const ratio = median(own.map((ms, run) => ms / reference[run]!));
      return `${label} ${Math.round(readFileSync(bundle).length / 1024)} KB ${Math.round(median(own))} / ${Math.round(median(reference))} ms, ${ratio.toFixed(2)}×`;
    })
    .join(' | ');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '11' }, before: { type: 'string' }, cpu: { type: 'boolean', default: false } } });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'khidma-cold-probe-'));
  try {
    const timer = path.join(scratch, 'import.mjs');
    // --cpu: the process's CPU time spent importing, which a shared machine's load moves less than wall time.
    const [start, spent] = values.cpu ? ['process.cpuUsage()', '((({ user, system }) => (user + system) / 1000)(process.cpuUsage(start)))'] : ['performance.now()', '(performance.now() - start)'];
    writeFileSync(timer, `import { pathToFileURL } from 'node:url';\nconst start = ${start};\nawait import(pathToFileURL(process.argv[2]).href);\nprocess.stdout.write(String${spent});\nprocess.exit(0);\n`);
    const beforeRoot = values.before ? path.join(scratch, 'before') : undefined;
    if (beforeRoot) {
      execSync(`mkdir -p "${beforeRoot}" && git archive ${values.before} | tar -x -C "${beforeRoot}"`, { cwd: root });
      symlinkSync(path.join(root, 'node_modules'), path.join(beforeRoot, 'node_modules'));
    }
    for (const id of positionals) {
      const entry = entries.get(id);
      if (!entry) {
        throw new Error(`no function ${id} in the catalogue`);
      }
      const dir = path.join(scratch, id);
      const variants = [...(beforeRoot ? [await variant('before', beforeRoot, entry, dir)] : []), await variant('now', root, entry, dir)];
      process.stdout.write(`${id}: ${measure(variants, Number(values.runs), timer)}\n`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
