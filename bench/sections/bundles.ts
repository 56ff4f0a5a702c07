// Section 1: each Lambda bundled exactly as CDK bundles it (bench/bundle-options.ts), its size and largest
// inputs from esbuild's metafile, and the import chain that pulls each AWS SDK client in.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions } from '../bundle-options';
import type { BenchFunction } from '../deployment';
import { judge, kb, type Row, type SectionResult } from '../rows';

const root = path.resolve(__dirname, '../..');

export interface BundleFigure {
  readonly id: string;
  readonly file?: string;
  readonly bytes?: number;
  /** Output bytes per package (node_modules) or folder of our code, largest first. */
  readonly topPackages: ReadonlyArray<{ readonly name: string; readonly bytes: number }>;
  readonly topInputs: ReadonlyArray<{ readonly path: string; readonly bytes: number }>;
  /** Bytes of the AWS SDK (@aws-sdk/*, @smithy/*) in the bundle. */
  readonly sdkBytes?: number;
  /** For each AWS SDK client in the bundle (and nested-clients): its bytes and the shortest import chain from the handler to it. */
  readonly clients: ReadonlyArray<{ readonly name: string; readonly bytes: number; readonly via: readonly string[] }>;
  readonly error?: string;
}

export async function measureBundles(functions: readonly BenchFunction[], outDir: string, budget: { readonly maxKb: number }): Promise<SectionResult<BundleFigure[]>> {
  const figures = await Promise.all(functions.map((fn) => bundle(fn, outDir)));
  return { rows: figures.map((figure) => toRow(figure, budget.maxKb)), data: figures };
}

async function bundle(fn: BenchFunction, outDir: string): Promise<BundleFigure> {
  const file = path.join(outDir, fn.id, 'index.mjs');
  try {
    const { metafile } = await build({ ...esbuildOptions(path.join(root, fn.entry), file), absWorkingDir: root });
    // As CapabilityFunction's afterBundling hook does: the files the function reads from LAMBDA_TASK_ROOT.
    for (const shipped of fn.bundledFiles) {
      copyFileSync(path.join(root, shipped), path.join(path.dirname(file), path.basename(shipped)));
    }
    return describe(fn.id, file, metafile!);
  } catch (error) {
    return { id: fn.id, topPackages: [], topInputs: [], clients: [], error: (error as Error).message.split('\n').slice(0, 3).join(' ') };
  }
}

const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? path.dirname(input);
const isSdk = (name: string) => name.startsWith('@aws-sdk/') || name.startsWith('@smithy/');

function describe(id: string, file: string, metafile: Metafile): BundleFigure {
  const output = Object.values(metafile.outputs).find((candidate) => candidate.entryPoint)!;
  const inputs = Object.entries(output.inputs).map(([input, { bytesInOutput }]) => ({ path: input, bytes: bytesInOutput }));
  const byPackage = new Map<string, number>();
  for (const input of inputs) {
    byPackage.set(packageOf(input.path), (byPackage.get(packageOf(input.path)) ?? 0) + input.bytes);
  }
  const packages = [...byPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes);
  const clients = packages
    // The service clients, and the clients the default credential chain loads (SSO, STS, sign-in).
    .filter((entry) => entry.name.startsWith('@aws-sdk/client-') || entry.name === '@aws-sdk/nested-clients')
    .map((entry) => ({ ...entry, via: importChain(metafile, output.entryPoint!, (input) => packageOf(input) === entry.name) }));
  return {
    id,
    file,
    bytes: output.bytes,
    topPackages: packages.slice(0, 3),
    topInputs: inputs.sort((a, b) => b.bytes - a.bytes).slice(0, 3),
    sdkBytes: packages.filter((entry) => isSdk(entry.name)).reduce((sum, entry) => sum + entry.bytes, 0),
    clients,
  };
}

/** Breadth-first from the entry through the metafile's imports; our own files and the first file of the target. */
function importChain(metafile: Metafile, entry: string, isTarget: (input: string) => boolean): string[] {
  const previous = new Map<string, string | undefined>([[entry, undefined]]);
  const queue = [entry];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    if (isTarget(current)) {
      const chain: string[] = [];
      for (let step: string | undefined = current; step !== undefined; step = previous.get(step)) {
        chain.unshift(step);
      }
      // Our files by path, packages by name, each package once where the chain passes through it.
      return chain.map((step) => (step.includes('node_modules') ? packageOf(step) : step)).filter((step, index, steps) => step !== steps[index - 1]);
    }
    for (const { path: next } of metafile.inputs[current]?.imports ?? []) {
      if (metafile.inputs[next] && !previous.has(next)) {
        previous.set(next, current);
        queue.push(next);
      }
    }
  }
  return [];
}

function toRow(figure: BundleFigure, maxKb: number): Row {
  if (figure.error || figure.bytes === undefined) {
    return { section: 'Bundle', item: figure.id, measured: 'build failed', budget: `≤ ${maxKb} KB`, verdict: 'FAIL', note: figure.error };
  }
  const extraClients = figure.clients.filter((client) => client.name.startsWith('@aws-sdk/client-') && client.name !== '@aws-sdk/client-dynamodb').map((client) => `${client.name.replace('@aws-sdk/', '')} ${kb(client.bytes)}`);
  return {
    section: 'Bundle',
    item: figure.id,
    measured: kb(figure.bytes),
    budget: `≤ ${maxKb} KB`,
    verdict: judge(figure.bytes <= maxKb * 1024),
    note: [
      `largest: ${figure.topPackages.map((entry) => `${entry.name} ${kb(entry.bytes)}`).join(', ')}`,
      `SDK ${kb(figure.sdkBytes ?? 0)}`,
      ...(extraClients.length ? [`also ${extraClients.join(', ')}`] : []),
    ].join('; '),
  };
}
