// A quick look at the single-item reads against their raw references, without the rest of `npm run bench`:
// `npx tsx bench/api-probe.ts [--rounds 3] [--seconds 8] [--profile <dir>]` starts the local cloud as the API
// section does (bench/child-cloud.ts), then, round after round, loads each read and its raw DynamoDB request
// (bench/sections/api-load.ts's references) at the same concurrency, alternating, and prints each round's ratio
// and the median. --profile writes the local cloud's CPU profile (node --cpu-prof) to <dir> when it stops;
// --node-arg <flag> (repeatable) starts the cloud's Node with that flag (say, a V8 heap setting to try).
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import budgets from './budgets.json';
import { ChildCloud } from './child-cloud';
import { SERVICE_ID } from './client';
import { median } from './rows';
import { getServiceCard, queryApplication } from './sections/api-load';
import { load, raw, type RateFigure } from './sections/load';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, seconds: { type: 'string', default: '8' }, profile: { type: 'string' }, 'node-arg': { type: 'string', multiple: true } } });
const rounds = Number(values.rounds);
const options = { seconds: Number(values.seconds), connections: budgets.api.connections };

const line = (figure: RateFigure) => `${figure.name.padEnd(40)} ${String(Math.round(figure.perSecond)).padStart(5)} req/s  p50 ${figure.p50.toFixed(1)} ms  p99 ${figure.p99.toFixed(1)} ms  errors ${figure.errorRate}`;
const load1 = () => os.loadavg()[0]!.toFixed(2);

/** CPU milliseconds a process (or, as `pid/task/tid`, one of its threads) has used so far (user + system), from /proc (Linux). */
function cpuMs(pid: number | string): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/**
 * The local cloud's Node process, its main thread (the one that serves the API: its thread id is the process id),
 * and its DynamoDB Local JVM (a child of it, in its process group).
 */
function cloudProcesses(cloudPid: number): Record<string, number | string> {
  const children = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.replace(/^.*\) /, '').split(' ')[1] === String(cloudPid) && stat.includes('(java)');
    } catch {
      return false;
    }
  });
  return { cloud: cloudPid, 'cloud main thread': `${cloudPid}/task/${cloudPid}`, ...(children[0] ? { dynamodb: Number(children[0]) } : {}) };
}

/** Runs `work` and gives the CPU milliseconds per request each process spent on it (the bench itself as `bench`). */
async function withCpu(processes: Record<string, number | string>, work: () => Promise<RateFigure>): Promise<RateFigure & { cpu: string }> {
  const read = () => ({ bench: (process.cpuUsage().user + process.cpuUsage().system) / 1000, ...Object.fromEntries(Object.entries(processes).map(([name, pid]) => [name, cpuMs(pid)])) });
  const before = read();
  const figure = await work();
  const after = read();
  const cpu = Object.keys(after).map((name) => `${name} ${((after[name as keyof typeof after] - before[name as keyof typeof before]) / Math.max(1, figure.requests)).toFixed(2)}`).join(', ');
  return { ...figure, cpu: `CPU ms per request: ${cpu}` };
}

async function main(): Promise<void> {
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] : [];
  const cloud = await ChildCloud.start(3600, [...profile, ...(values['node-arg'] ?? [])]);
  try {
    const { client } = cloud;
    const processes = cloudProcesses((client.address as unknown as { pid: number }).pid);
    const token = await client.token('citizen');
    const { applicationId } = (await client.submit()).body as { applicationId: string };
    const reads = [
      { name: 'GET /v1/services/{serviceId}', path: `/v1/services/${SERVICE_ID}`, reference: () => raw(client, 'GetItem of the card (raw)', options, getServiceCard) },
      {
        name: 'GET /v1/applications/{applicationId}',
        path: `/v1/applications/${applicationId}`,
        headers: { authorization: `Bearer ${token}` },
        reference: () => raw(client, 'Query of the application (raw)', options, (c) => queryApplication(c, applicationId)),
      },
    ];
    // Warm both sides alike (DynamoDB Local's JIT, the handler's code in the local cloud) before anything counts.
    for (const read of reads) {
      await load(client.address.apiUrl, read.name, { path: read.path, headers: read.headers }, options);
      await read.reference();
    }
    const ratios = new Map<string, number[]>(reads.map((read) => [read.name, []]));
    process.stdout.write(`${rounds} rounds, ${options.seconds} s each, ${options.connections} connections; load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}\n`);
    for (let round = 1; round <= rounds; round++) {
      for (const read of reads) {
        const reference = await withCpu(processes, read.reference);
        const endpoint = await withCpu(processes, () => load(client.address.apiUrl, read.name, { path: read.path, headers: read.headers }, { ...options, errorsFromNow: () => cloud.errorsFromNow() }));
        const ratio = endpoint.perSecond / reference.perSecond;
        ratios.get(read.name)!.push(ratio);
        process.stdout.write(`round ${round} (load ${load1()})\n  ${line(reference)}\n    ${reference.cpu}\n  ${line(endpoint)}  => ${Math.round(ratio * 100)}%\n    ${endpoint.cpu}\n`);
      }
    }
    for (const [name, values] of ratios) {
      process.stdout.write(`${name}: median ${Math.round(median(values) * 100)}% of its raw request (${values.map((v) => `${Math.round(v * 100)}%`).join(', ')})\n`);
    }
    process.stdout.write(`load average at the end ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}\n`);
  } finally {
    await cloud.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
