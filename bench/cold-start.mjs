// One cold start, in a fresh `node` process: import the bundled handler, serve one event, report the times.
// Usage: node bench/cold-start.mjs <bundle.mjs> <event.json | -> <result.json> [<profile prefix>]
// With a profile prefix (KHIDMA_COLD_PROFILE, bench/sections/cold-load.ts), V8's sampling profiler records the
// import and the first event apart: <prefix>.import.cpuprofile and <prefix>.event.cpuprofile.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile, resultFile, profilePrefix] = process.argv.slice(2);
const event = eventFile === '-' ? undefined : JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  awsRequestId: 'cold-start',
  callbackWaitsForEmptyEventLoop: false,
  getRemainingTimeInMillis: () => 10_000,
};

const profiler = profilePrefix ? await startProfiler() : undefined;
const bootMs = performance.now();
await profiler?.start();
const module = await import(pathToFileURL(bundle).href);
await profiler?.stop('import');
const importedMs = performance.now();
let outcome = 'no event';
if (event !== undefined) {
  await profiler?.start();
  try {
    const result = await module.handler(event, context);
    outcome = result?.statusCode !== undefined ? String(result.statusCode) : result?.batchItemFailures?.length ? `${result.batchItemFailures.length} failed` : 'ok';
  } catch (error) {
    outcome = `threw ${error?.name ?? 'a non-error'}`;
  }
  await profiler?.stop('event');
}
const servedMs = performance.now();
writeFileSync(resultFile, JSON.stringify({ bootMs, importMs: importedMs - bootMs, firstEventMs: servedMs - bootMs, outcome }));
// Lambda freezes the sandbox here; keep-alive sockets must not hold the process.
process.exit(0);

async function startProfiler() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  return {
    start: () => session.post('Profiler.start'),
    async stop(phase) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(`${profilePrefix}.${phase}.cpuprofile`, JSON.stringify(profile));
    },
  };
}
